package dev.outdial.twilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Only failures that prove the request never left may lead to a blind retry. */
class FailuresTest {

  @Test
  void a_refused_or_timed_out_connection_was_not_sent() {
    assertEquals(Failures.Kind.NOT_SENT, Failures.classify(new ConnectException("refused")));
    assertEquals(
        Failures.Kind.NOT_SENT,
        Failures.classify(new CompletionException(new HttpConnectTimeoutException("connect"))));
    assertEquals(
        Failures.Kind.NOT_SENT,
        Failures.classify(new IOException("wrapped", new ConnectException("refused"))));
  }

  @Test
  void a_request_time_out_or_a_lost_connection_may_have_been_sent() {
    assertEquals(
        Failures.Kind.MAYBE_SENT,
        Failures.classify(new CompletionException(new HttpTimeoutException("request timed out"))));
    assertEquals(Failures.Kind.MAYBE_SENT, Failures.classify(new IOException("connection reset")));
  }

  @Test
  void anything_else_is_not_a_network_failure() {
    assertEquals(Failures.Kind.OTHER, Failures.classify(new IllegalArgumentException("bad uri")));
  }
}
