package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.AttemptCap;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.HoldingDialer;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 through the server: a key's {@code limits.attempt_cap} from the configuration holds
 * across its campaigns, and a cap that is not one stops the start naming the setting.
 */
class AttemptCapTest {
  // Monday 15 June 2026, 09:00 UTC; the campaigns set no window, so they may always dial.
  private static final Instant NOW = Instant.parse("2026-06-15T09:00:00Z");
  private static final String ONE = "+447111000001";
  private static final String TWO = "+447111000002";

  private static String body(String... phones) {
    StringBuilder recipients = new StringBuilder();
    for (String phone : phones) {
      recipients.append(recipients.isEmpty() ? "" : ", ").append("{\"phone\": \"" + phone + "\"}");
    }
    return "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"recipients\": ["
        + recipients
        + "]}";
  }

  @Test
  void a_key_capped_at_one_call_a_day_does_not_call_a_number_again_in_its_next_campaign_that_day()
      throws Exception {
    SettableClock clock = new SettableClock(NOW);
    HoldingDialer dialer = new HoldingDialer();
    ServerConfig.Limits oneADay =
        new ServerConfig.Limits(null, null, null, new ServerConfig.AttemptCapSetting(1, 1440));
    try (TestServer t =
        TestServer.withDialer(
            clock,
            dialer,
            EngineListener.none(),
            c ->
                c.withApiKeys(
                    c.apiKeys().stream()
                        .map(
                            k ->
                                k.keyId().equals(c.apiKeys().get(0).keyId())
                                    ? new ServerConfig.KeyEntry(
                                        k.keyId(), k.secretSha256(), oneADay)
                                    : k)
                        .toList()),
            null,
            null)) {
      String first = create(t, t.keyA, body(ONE));
      dialer.next().end(EndedReason.COMPLETED);
      until(
          t, t.keyA, "/v1/calls/batch/" + first, c -> c.get("status").asText().equals("completed"));

      String second = create(t, t.keyA, body(ONE, TWO));
      HoldingDialer.Held two = dialer.next();
      assertEquals(TWO, two.phone(), "the capped number is passed over, the next one dialled");
      two.end(EndedReason.COMPLETED);
      JsonNode capped =
          until(
              t,
              t.keyA,
              "/v1/calls/batch/" + second,
              c -> c.get("calls_by_status").get("ended").asInt() == 1);
      assertEquals("running", capped.get("status").asText(), capped.toString());
      assertEquals(1, capped.get("calls_by_status").get("queued").asInt(), capped.toString());
      JsonNode waiting =
          Json.of(t.get("/v1/calls/batch/" + second + "/calls", t.keyA)).get("calls").get(0);
      assertEquals(ONE, waiting.get("phone").asText());
      assertEquals("queued", waiting.get("status").asText(), waiting.toString());
      assertTrue(waiting.get("started_at").isNull(), waiting.toString());

      // The cap is the key's: another key calls the number at once.
      create(t, t.keyB, body(ONE));
      HoldingDialer.Held otherKey = dialer.next();
      assertEquals(ONE, otherKey.phone());
      otherKey.end(EndedReason.COMPLETED);

      clock.set(NOW.plus(Duration.ofMinutes(1440)));
      HoldingDialer.Held again = dialer.next();
      assertEquals(ONE, again.phone(), "a day after the first call, the number may be called");
      again.end(EndedReason.COMPLETED);
      until(
          t,
          t.keyA,
          "/v1/calls/batch/" + second,
          c -> c.get("status").asText().equals("completed"));
      assertEquals(List.of(ONE, TWO, ONE, ONE), dialer.dialled());
    }
  }

  @Test
  void attempt_cap_is_read_from_a_keys_limits_and_inherited_from_default_limits() {
    ServerConfig config =
        ServerConfig.read(
            """
            {"default_limits": {"attempt_cap": {"attempts": 3, "per_minutes": 1440}},
             "api_keys": [
               {"key_id": "key_own", "secret_sha256": "00",
                "limits": {"attempt_cap": {"attempts": 1, "per_minutes": 60.0}}},
               {"key_id": "key_inherits", "secret_sha256": "00",
                "limits": {"max_concurrent_calls": 2}}]}
            """);
    KeyLimits defaults = config.defaultLimits().toKeyLimits(KeyLimits.DEFAULT);
    assertEquals(new AttemptCap(3, Duration.ofDays(1)), defaults.attemptCap());
    assertEquals(
        new AttemptCap(1, Duration.ofHours(1)),
        config.apiKeys().get(0).limits().toKeyLimits(defaults).attemptCap());
    KeyLimits inherits = config.apiKeys().get(1).limits().toKeyLimits(defaults);
    assertEquals(new AttemptCap(3, Duration.ofDays(1)), inherits.attemptCap());
    assertEquals(2, inherits.maxConcurrentCalls());
    assertNull(ServerConfig.read("{}").defaultLimits().toKeyLimits(KeyLimits.DEFAULT).attemptCap());
  }

  @Test
  void an_attempt_cap_that_is_not_one_stops_the_start_naming_the_setting() {
    assertRefused("{\"attempts\": 0, \"per_minutes\": 1440}", "attempt_cap.attempts", "at least 1");
    assertRefused("{\"attempts\": 3, \"per_minutes\": 0}", "attempt_cap.per_minutes", "10080");
    assertRefused("{\"attempts\": 3, \"per_minutes\": 10081}", "attempt_cap.per_minutes", "10081");
    assertRefused("{\"attempts\": 3, \"per_minutes\": 1e20}", "attempt_cap.per_minutes", "10080");
    assertRefused("{\"attempts\": 2.5, \"per_minutes\": 60}", "attempt_cap.attempts", "whole");
    assertRefused("{\"attempts\": \"3\", \"per_minutes\": 60}", "attempt_cap.attempts", "whole");
    assertRefused("{\"attempts\": 3}", "attempt_cap.per_minutes", "required");
    assertRefused("{\"attempts\": 3, \"per_minutes\": 60, \"per\": 1}", "'per'", "per_minutes");
    assertRefused("3", "limits.attempt_cap", "an object");
  }

  private static void assertRefused(String cap, String names, String says) {
    String config =
        "{\"api_keys\": [{\"key_id\": \"key_a\", \"secret_sha256\": \"00\","
            + " \"limits\": {\"attempt_cap\": "
            + cap
            + "}}]}";
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.read(config), cap);
    assertTrue(refused.getMessage().contains(names), refused.getMessage());
    assertTrue(refused.getMessage().contains(says), refused.getMessage());
  }

  private static String create(TestServer t, ApiKeys.GeneratedKey key, String b) {
    var created = t.post("/v1/calls/batch", key, b);
    assertEquals(201, created.statusCode(), created.body());
    return Json.of(created).get("campaign_id").asText();
  }

  /** GETs {@code path} until its answer satisfies {@code done}, for at most 20 s. */
  private static JsonNode until(
      TestServer t, ApiKeys.GeneratedKey key, String path, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode answer = Json.of(t.get(path, key));
    while (!done.test(answer) && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
      answer = Json.of(t.get(path, key));
    }
    assertTrue(done.test(answer), "not reached within 20 s: " + answer);
    return answer;
  }
}
