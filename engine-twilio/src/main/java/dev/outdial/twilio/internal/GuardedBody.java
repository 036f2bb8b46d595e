package dev.outdial.twilio.internal;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A create request's body that asks the create guard once more when the HTTP client starts writing
 * it, on the client's own thread: the request is handed from the dialer's thread to the client's,
 * and a process frozen in between (a long pause, a stopped VM) must not send a create it may no
 * longer make when it wakes. A refusal fails the request before its body leaves, so Twilio never
 * gets a whole request; the failure carries {@link Withheld}.
 */
final class GuardedBody implements HttpRequest.BodyPublisher {
  /** The create was refused by the guard as its body was about to be written. */
  static final class Withheld extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Withheld(String reason) {
      super(reason, null, false, false);
    }
  }

  private final HttpRequest.BodyPublisher body;
  private final Supplier<@Nullable String> refusal;

  GuardedBody(String form, Supplier<@Nullable String> refusal) {
    this.body = HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8);
    this.refusal = refusal;
  }

  @Override
  public long contentLength() {
    return body.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    String refused = refusal.get();
    if (refused == null) {
      body.subscribe(subscriber);
      return;
    }
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
    subscriber.onError(new Withheld(refused));
  }

  /** Whether {@code failure}, or a cause of it, is a refusal of this body. */
  static @Nullable Withheld withheld(@Nullable Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof Withheld w) {
        return w;
      }
    }
    return null;
  }
}
