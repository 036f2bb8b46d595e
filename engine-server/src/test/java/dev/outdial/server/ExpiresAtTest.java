package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 14 over HTTP: {@code expires_at}, a campaign's optional latest end. */
class ExpiresAtTest {
  // Monday 15 June 2026, 09:00 UTC; the window below opens at noon.
  private static final Instant NOW = Instant.parse("2026-06-15T09:00:00Z");

  private static String body(String expiresField) {
    return "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"timezone\":"
        + " \"Etc/UTC\", \"window_start_minutes\": 720, \"window_end_minutes\": 780, "
        + expiresField
        + "\"recipients\": [{\"phone\": \"+447111000001\"}, {\"phone\": \"+447111000002\"}]}";
  }

  @Test
  void a_campaign_shows_its_expires_at_and_one_without_shows_none() {
    try (TestServer t = TestServer.start(new SettableClock(NOW))) {
      HttpResponse<String> created =
          t.post(
              "/v1/calls/batch", t.keyA, body("\"expires_at\": \"2026-06-15T14:00:00-04:00\", "));
      assertEquals(201, created.statusCode(), created.body());
      String id = Json.of(created).get("campaign_id").asText();
      JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      assertEquals(
          "2026-06-15T18:00:00.000Z", campaign.get("expires_at").asText(), campaign.toString());

      String plain =
          Json.of(t.post("/v1/calls/batch", t.keyA, body(""))).get("campaign_id").asText();
      JsonNode seed = Json.of(t.get("/v1/calls/batch/" + plain, t.keyA));
      assertFalse(seed.has("expires_at"), seed.toString());
      assertFalse(seed.get("calls_by_ended_reason").has("expired"), seed.toString());
    }
  }

  @Test
  void recipients_not_dialled_by_expires_at_end_expired_over_http() throws InterruptedException {
    SettableClock clock = new SettableClock(NOW);
    try (TestServer t = TestServer.start(clock)) {
      HttpResponse<String> created =
          t.post("/v1/calls/batch", t.keyA, body("\"expires_at\": \"2026-06-15T09:00:01Z\", "));
      assertEquals(201, created.statusCode(), created.body());
      String id = Json.of(created).get("campaign_id").asText();
      clock.set(NOW.plusSeconds(2));

      JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!"completed".equals(campaign.get("status").asText()) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      }

      assertEquals("completed", campaign.get("status").asText(), campaign.toString());
      assertEquals(2, campaign.get("calls_by_ended_reason").get("expired").asInt());
      JsonNode call =
          Json.of(t.get("/v1/calls/batch/" + id + "/calls", t.keyA)).get("calls").get(0);
      assertEquals("expired", call.get("ended_reason").asText(), call.toString());
      assertTrue(call.get("started_at").isNull(), call.toString());
    }
  }

  @Test
  void an_expires_at_that_is_not_an_instant_or_in_the_past_is_an_invalid_field() {
    try (TestServer t = TestServer.start(new SettableClock(NOW))) {
      HttpResponse<String> garbled =
          t.post("/v1/calls/batch", t.keyA, body("\"expires_at\": \"2026-06-15 18:00\", "));
      assertEquals(400, garbled.statusCode(), garbled.body());
      assertEquals("invalid_field", Json.of(garbled).get("error").asText(), garbled.body());
      assertTrue(garbled.body().contains("not_an_instant"), garbled.body());

      HttpResponse<String> past =
          t.post("/v1/calls/batch", t.keyA, body("\"expires_at\": \"2026-06-15T08:59:59Z\", "));
      assertEquals(400, past.statusCode(), past.body());
      assertEquals("invalid_field", Json.of(past).get("error").asText(), past.body());
      assertTrue(past.body().contains("in_the_past"), past.body());
    }
  }
}
