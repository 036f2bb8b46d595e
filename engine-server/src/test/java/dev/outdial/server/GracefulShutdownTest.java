package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.RawHttp;
import dev.outdial.server.support.TestServer;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM's path: stop taking requests, finish the one in flight, then stop listening. */
class GracefulShutdownTest {
  private static final String BODY =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\","
          + " \"recipients\": [{\"phone\": \"+447111000001\"}]}";

  @Test
  void a_request_in_flight_finishes_new_ones_are_refused_then_the_port_closes() throws Exception {
    TestServer t = TestServer.start(new SettableClock(Instant.parse("2026-06-10T12:00:00Z")));
    try (RawHttp inFlight = new RawHttp(t)) {
      inFlight.send(
          "POST /v1/calls/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + t.keyA.token()
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + BODY.length()
              + "\r\n\r\n"
              + BODY.substring(0, 20));
      // The handler is now reading the body: wait until a request is on the server's books.
      HttpResponse<String> probe = t.get("/v1/calls/batch/batchcall_0000000000000000", t.keyA);
      assertEquals(404, probe.statusCode());

      CompletableFuture<Void> closing = CompletableFuture.runAsync(t::close);
      // Poll until the server turns new requests away, but never past a deadline: a server that
      // never starts refusing fails the test instead of hanging the build.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      HttpResponse<String> refused;
      do {
        assertTrue(
            System.nanoTime() - deadline < 0, "still answering 404 30 s after close() began");
        refused = t.get("/v1/calls/batch/batchcall_0000000000000000", t.keyA);
      } while (refused.statusCode() == 404);
      assertEquals(503, refused.statusCode());
      inFlight.send(BODY.substring(20));

      String answer = inFlight.readAnswer();

      assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
      closing.get(30, TimeUnit.SECONDS);
      assertThrows(
          UncheckedIOException.class,
          () -> t.get("/v1/calls/batch/batchcall_0000000000000000", t.keyA));
    }
  }
}
