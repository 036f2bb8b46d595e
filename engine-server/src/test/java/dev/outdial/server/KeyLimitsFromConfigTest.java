package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A key's limits from the configuration hold; a key without inherits {@code default_limits}. */
class KeyLimitsFromConfigTest {
  private static final String THREE =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"recipients\":"
          + " [{\"phone\": \"+447111000001\"}, {\"phone\": \"+447111000002\"},"
          + " {\"phone\": \"+447111000003\"}]}";

  @Test
  void a_key_limited_to_one_call_dials_one_at_a_time_while_another_key_dials_all()
      throws Exception {
    Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
    EngineListener listener =
        new EngineListener() {
          @Override
          public void onCall(CallEvent event) {
            if (event.status() == CallStatus.IN_PROGRESS) {
              started.computeIfAbsent(event.keyId(), k -> new CountDownLatch(3)).countDown();
            }
          }
        };
    try (TestServer t =
        TestServer.start(
            Clock.systemUTC(),
            listener,
            c ->
                c.withSimulatedDialer(new ServerConfig.Simulation(null, 600, 600, 1L))
                    .withApiKeys(
                        c.apiKeys().stream()
                            .map(
                                k ->
                                    k.keyId().equals(c.apiKeys().get(0).keyId())
                                        ? new ServerConfig.KeyEntry(
                                            k.keyId(),
                                            k.secretSha256(),
                                            new ServerConfig.Limits(1, null, null))
                                        : k)
                            .toList()))) {
      started.put(t.keyA.keyId(), new CountDownLatch(1));
      started.put(t.keyB.keyId(), new CountDownLatch(3));
      String a = Json.of(t.post("/v1/calls/batch", t.keyA, THREE)).get("campaign_id").asText();
      String b = Json.of(t.post("/v1/calls/batch", t.keyB, THREE)).get("campaign_id").asText();

      assertTrue(started.get(t.keyA.keyId()).await(30, TimeUnit.SECONDS));
      assertTrue(started.get(t.keyB.keyId()).await(30, TimeUnit.SECONDS));

      assertEquals(List.of(1, 2), counts(t.get("/v1/calls/batch/" + a, t.keyA).body()));
      assertEquals(List.of(3, 0), counts(t.get("/v1/calls/batch/" + b, t.keyB).body()));
    }
  }

  private static List<Integer> counts(String campaign) {
    JsonNode byStatus = Json.of(campaign).get("calls_by_status");
    return List.of(byStatus.get("in_progress").asInt(), byStatus.get("queued").asInt());
  }
}
