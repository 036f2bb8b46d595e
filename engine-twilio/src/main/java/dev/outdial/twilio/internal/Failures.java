package dev.outdial.twilio.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Tells whether a failed request can have reached Twilio. */
public final class Failures {
  private Failures() {}

  /** What a failure says about the request. */
  public enum Kind {
    /** No connection was made: Twilio never saw the request, so sending it again is safe. */
    NOT_SENT,
    /** The request may have reached Twilio (a time-out, a connection lost mid-way). */
    MAYBE_SENT,
    /** Not a network failure: a bug or a refusal before anything was sent. */
    OTHER
  }

  /** The kind of {@code failure} (unwrapping completion wrappers). */
  public static Kind classify(Throwable failure) {
    Throwable cause = unwrap(failure);
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException
          || t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException) {
        return Kind.NOT_SENT;
      }
    }
    return cause instanceof IOException ? Kind.MAYBE_SENT : Kind.OTHER;
  }

  /** The failure without {@link CompletionException} or {@link ExecutionException} around it. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A short description for logs and call details. */
  public static String describe(Throwable failure) {
    Throwable cause = unwrap(failure);
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
