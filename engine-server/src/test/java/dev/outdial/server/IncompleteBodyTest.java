package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.RawHttp;
import dev.outdial.server.support.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, fault 12: what a client whose body does not arrive in full gets, exactly as
 * docs/server.md says — a {@code 408} JSON when it closes its side early, and a closed connection
 * without any answer when it is still sending after {@code max_request_seconds} (2 s, in a test JVM
 * of its own: see the pom).
 */
class IncompleteBodyTest {
  private static final String BODY =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\","
          + " \"recipients\": [{\"phone\": \"+447111000001\"}]}";

  private static TestServer server() {
    return TestServer.start(
        new SettableClock(Instant.parse("2026-06-10T12:00:00Z")),
        EngineListener.none(),
        c -> c.withHttp(new ServerConfig.Http(65_536L, 2, null, 5, null, null)));
  }

  private static String head(TestServer t) {
    return "POST /v1/calls/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + t.keyA.token()
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + BODY.length()
        + "\r\n\r\n";
  }

  @Test
  void a_body_the_client_stops_short_of_its_length_is_answered_408_request_timeout() {
    try (TestServer t = server();
        RawHttp client = new RawHttp(t)) {
      client.send(head(t) + BODY.substring(0, 20)).stopSending();

      String answer = client.readAnswer();

      assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
      JsonNode body = Json.of(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertEquals("request_timeout", body.get("error").asText());
      assertEquals("the request body was not received in full", body.get("message").asText());
      assertEquals(0, t.server.engine().openCampaigns().size());
    }
  }

  @Test
  void a_body_still_arriving_after_max_request_seconds_is_cut_off_without_an_answer() {
    try (TestServer t = server();
        RawHttp client = new RawHttp(t)) {
      client.send(head(t) + BODY.substring(0, 20));

      assertEquals("", client.readUntilClosed());
      assertEquals(0, t.server.engine().openCampaigns().size());
    }
  }
}
