package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.RawHttp;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Slow clients are cut off instead of holding threads (the JDK server's whole-request limit, set to
 * 2 s for tests in the pom), and a client that lies about its body changes nothing.
 */
class SlowAndHostileClientsTest {
  private static final String BODY =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
          + " \"schedule\", \"scheduled_date\": \"2099-01-01\","
          + " \"recipients\": [{\"phone\": \"+447111000001\"}]}";

  private static TestServer oneThreadServer() {
    return TestServer.start(
        new SettableClock(Instant.parse("2026-06-10T12:00:00Z")),
        EngineListener.none(),
        c -> c.withHttp(new ServerConfig.Http(65_536L, 1, null, 5, null, null)));
  }

  private static String head(TestServer t, int contentLength) {
    return "POST /v1/calls/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + t.keyA.token()
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  @Test
  void a_client_that_stops_sending_its_body_is_cut_off_and_frees_the_only_thread() {
    try (TestServer t = oneThreadServer();
        RawHttp slow = new RawHttp(t)) {
      slow.send(head(t, BODY.length()) + BODY.substring(0, 10));

      String slowAnswer = slow.readUntilClosed();
      // The one worker thread was reading that body; it must be free again.
      HttpResponse<String> next = t.post("/v1/calls/batch", t.keyA, BODY);

      assertFalse(slowAnswer.startsWith("HTTP/1.1 201"), slowAnswer);
      assertEquals(201, next.statusCode());
      assertEquals(1, t.server.engine().openCampaigns().size(), "only the honest create counts");
    }
  }

  @Test
  void a_client_that_sends_headers_only_is_cut_off() {
    try (TestServer t = oneThreadServer();
        RawHttp slow = new RawHttp(t)) {
      slow.send("POST /v1/calls/batch HTTP/1.1\r\nHost: localhost\r\n");

      assertEquals("", slow.readUntilClosed());
      assertEquals(0, t.server.engine().openCampaigns().size());
    }
  }

  @Test
  void a_declared_length_over_the_limit_is_refused_before_the_body_is_sent() {
    try (TestServer t = oneThreadServer();
        RawHttp client = new RawHttp(t)) {
      client.send(head(t, 10_000_000));

      String answer = client.readAnswer();

      assertFalse(answer.isEmpty());
      assertEquals("HTTP/1.1 413", answer.substring(0, 12), answer);
    }
  }
}
