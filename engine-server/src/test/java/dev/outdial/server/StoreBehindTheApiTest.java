package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The API over a durable engine: an idempotent create's first answer is committed with its campaign
 * and given again after a restart; a store that fails is answered 503 {@code store_unavailable},
 * never 500, and a retry under the same key creates the campaign once.
 */
class StoreBehindTheApiTest {
  private static final String BODY =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
          + " \"schedule\", \"scheduled_date\": \"2099-01-01\", \"recipients\": [{\"phone\":"
          + " \"+447111000001\"}, {\"phone\": \"07111\"}], \"skip_invalid\": true}";
  private static final String OTHER_BODY = BODY.replace("+447111000001", "+447111000002");

  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-10T12:00:00Z"));

  private static HttpResponse<String> create(TestServer t, String key, String body) {
    return t.send(
        t.request("/v1/calls/batch")
            .header("Authorization", "Bearer " + t.keyA.token())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  @Test
  void a_retry_after_a_restart_gets_the_first_answer_byte_for_byte_and_creates_nothing() {
    MemoryStore store = new MemoryStore();
    HttpResponse<String> first;
    try (TestServer before = TestServer.onStore(clock, store, null)) {
      first = create(before, "order-1", BODY);
      assertEquals(201, first.statusCode(), first.body());
      try (TestServer after = TestServer.onStore(clock, store, before)) {
        before.close(); // closing commits nothing new: the create was committed before its 201
        HttpResponse<String> retry = create(after, "order-1", BODY);

        assertEquals(201, retry.statusCode(), retry.body());
        assertArrayEquals(
            first.body().getBytes(StandardCharsets.UTF_8),
            retry.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(
            first.headers().firstValue("Location"), retry.headers().firstValue("Location"));
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertEquals(1, after.server.engine().openCampaigns().size(), "nothing created again");
        HttpResponse<String> reused = create(after, "order-1", OTHER_BODY);
        assertEquals(409, reused.statusCode(), reused.body());
        assertEquals("idempotency_key_reused", Json.of(reused).get("error").asText());
      }
    }
  }

  @Test
  void a_failing_store_is_503_store_unavailable_and_the_retry_creates_the_campaign_once() {
    MemoryStore store = new MemoryStore();
    try (TestServer t = TestServer.onStore(clock, store, null)) {
      store.failNextCommit(MemoryStore.Failure.AFTER); // committed, but the engine cannot know

      HttpResponse<String> failed = create(t, "order-2", BODY);

      assertEquals(503, failed.statusCode(), failed.body());
      JsonNode error = Json.of(failed);
      assertEquals("store_unavailable", error.get("error").asText());
      assertTrue(
          error.get("message").asText().contains("may not have been recorded"), failed.body());
      assertTrue(error.get("message").asText().contains("same Idempotency-Key"), failed.body());
      assertEquals("5", failed.headers().firstValue("Retry-After").orElseThrow());

      try (TestServer restarted = TestServer.onStore(clock, store, t)) {
        t.close();
        HttpResponse<String> retry = create(restarted, "order-2", BODY);

        assertEquals(201, retry.statusCode(), retry.body());
        String id = Json.of(retry).get("campaign_id").asText();
        assertEquals(200, restarted.get("/v1/calls/batch/" + id, restarted.keyA).statusCode());
        assertEquals(1, restarted.server.engine().openCampaigns().size(), "created once");
      }
    }
  }

  @Test
  void a_store_cut_off_refuses_a_cancel_with_503_and_the_campaign_stays_as_it_was() {
    MemoryStore store = new MemoryStore();
    try (TestServer t = TestServer.onStore(clock, store, null)) {
      HttpResponse<String> created = create(t, "order-3", BODY);
      String id = Json.of(created).get("campaign_id").asText();
      store.cutOff();

      HttpResponse<String> cancel = t.post("/v1/calls/batch/" + id + "/cancel", t.keyA);

      assertEquals(503, cancel.statusCode(), cancel.body());
      assertEquals("store_unavailable", Json.of(cancel).get("error").asText());
      store.heal();
      JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      assertEquals("scheduled", campaign.get("status").asText());
      assertEquals(200, t.post("/v1/calls/batch/" + id + "/cancel", t.keyA).statusCode());
    }
  }
}
