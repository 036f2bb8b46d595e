package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 14 over HTTP: {@code recipient_local_hours} per request and as a key's default. */
class RecipientLocalHoursTest {
  // Tuesday 16 June 2026, 08:30 in New York: a UK number and a US toll-free number.
  private static final Instant NOW = Instant.parse("2026-06-16T12:30:00Z");

  private static String body(String policyField) {
    return "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"timezone\":"
        + " \"America/New_York\", "
        + policyField
        + "\"recipients\": [{\"phone\": \"+447111000001\"}, {\"phone\": \"+18005550123\"}]}";
  }

  @Test
  void a_guarded_campaign_skips_a_number_it_cannot_place_and_says_why() {
    try (TestServer t = TestServer.start(new SettableClock(NOW))) {
      HttpResponse<String> created =
          t.post("/v1/calls/batch", t.keyA, body("\"recipient_local_hours\": \"skip_unknown\", "));
      assertEquals(201, created.statusCode(), created.body());
      String id = Json.of(created).get("campaign_id").asText();

      JsonNode calls = Json.of(t.get("/v1/calls/batch/" + id + "/calls", t.keyA));
      JsonNode tollFree = calls.get("calls").get(1);
      assertEquals("skipped", tollFree.get("ended_reason").asText(), calls.toString());
      assertTrue(tollFree.get("started_at").isNull(), tollFree.toString());
      JsonNode counts = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      assertEquals(
          1, counts.get("calls_by_ended_reason").get("skipped").asInt(), counts.toString());
      assertEquals("skip_unknown", counts.get("recipient_local_hours").asText(), counts.toString());
    }
  }

  @Test
  void a_seed_request_answers_as_before_with_no_compliance_counts() {
    try (TestServer t = TestServer.start(new SettableClock(NOW))) {
      String id = Json.of(t.post("/v1/calls/batch", t.keyA, body(""))).get("campaign_id").asText();

      JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      assertFalse(campaign.get("calls_by_ended_reason").has("skipped"), campaign.toString());
      assertFalse(campaign.get("calls_by_ended_reason").has("suppressed"), campaign.toString());
      assertFalse(campaign.has("recipient_local_hours"), campaign.toString());
    }
  }

  @Test
  void an_unknown_policy_is_an_invalid_field() {
    try (TestServer t = TestServer.start(new SettableClock(NOW))) {
      HttpResponse<String> refused =
          t.post("/v1/calls/batch", t.keyA, body("\"recipient_local_hours\": \"sometimes\", "));

      assertEquals(400, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("recipient_local_hours"), refused.body());
    }
  }

  @Test
  void a_keys_default_guards_its_requests_that_do_not_say() {
    try (TestServer t =
        TestServer.start(
            new SettableClock(NOW),
            EngineListener.none(),
            c ->
                c.withApiKeys(
                    c.apiKeys().stream()
                        .map(
                            k ->
                                new ServerConfig.KeyEntry(
                                    k.keyId(), k.secretSha256(), k.limits(), "skip_unknown"))
                        .toList()))) {
      String id = Json.of(t.post("/v1/calls/batch", t.keyA, body(""))).get("campaign_id").asText();

      JsonNode calls = Json.of(t.get("/v1/calls/batch/" + id + "/calls", t.keyA));
      assertEquals("skipped", calls.get("calls").get(1).get("ended_reason").asText());
      JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      assertEquals("skip_unknown", campaign.get("recipient_local_hours").asText(), "the key's");
    }
  }

  @Test
  void a_key_default_that_is_no_policy_is_refused_at_start_naming_the_key() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ServerConfig.KeyEntry("key_x", "00", null, "always"));
    assertTrue(refused.getMessage().contains("key_x"), refused.getMessage());
    assertTrue(refused.getMessage().contains("skip_unknown"), refused.getMessage());
  }
}
