package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CampaignView;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue acceptance 5: idempotent retries, and concurrent creates neither lost nor doubled. */
class IdempotencyTest {
  private TestServer t;

  @BeforeEach
  void start() {
    t = TestServer.start(new SettableClock(Instant.parse("2026-06-10T12:00:00Z")));
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static String body(int phone) {
    return "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
        + " \"schedule\", \"scheduled_date\": \"2099-01-01\", \"recipients\": [{\"phone\":"
        + String.format(" \"+447111%06d\"}]}", phone);
  }

  private HttpResponse<String> create(String idempotencyKey, String body) {
    return t.send(
        t.request("/v1/calls/batch")
            .header("Authorization", "Bearer " + t.keyA.token())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private List<String> openIds() {
    return t.server.engine().openCampaigns().stream().map(CampaignView::campaignId).toList();
  }

  @Test
  void a_retry_with_the_same_key_and_body_returns_the_first_answer_and_creates_nothing() {
    HttpResponse<String> first = create("order-42", body(1));
    HttpResponse<String> retry = create("order-42", body(1));

    assertEquals(201, first.statusCode());
    assertEquals(201, retry.statusCode());
    assertEquals(first.body(), retry.body());
    assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(""));
    assertEquals(List.of(Json.of(first).get("campaign_id").asText()), openIds());
  }

  @Test
  void the_same_key_with_another_body_is_409_and_creates_nothing() {
    create("order-42", body(1));
    HttpResponse<String> other = create("order-42", body(2));

    assertEquals(409, other.statusCode());
    assertEquals("idempotency_key_reused", Json.of(other).get("error").asText());
    assertEquals(1, openIds().size());
  }

  @Test
  void keys_are_scoped_per_api_key_and_refusals_are_not_kept() {
    HttpResponse<String> refused = create("k1", "{\"prompt\": \"p\"}");
    assertEquals(400, refused.statusCode());
    assertEquals(201, create("k1", body(1)).statusCode());
    HttpResponse<String> otherApiKey =
        t.send(
            t.request("/v1/calls/batch")
                .header("Authorization", "Bearer " + t.keyB.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "k1")
                .POST(HttpRequest.BodyPublishers.ofString(body(1)))
                .build());
    assertEquals(201, otherApiKey.statusCode());
    assertEquals(2, openIds().size());
    assertEquals(400, create("has space", body(3)).statusCode());
  }

  @Test
  void a_hundred_concurrent_creates_from_eight_threads_make_exactly_a_hundred_campaigns()
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        answers.add(threads.submit(() -> t.post("/v1/calls/batch", t.keyA, body(n))));
      }
      Set<String> ids = new HashSet<>();
      for (Future<HttpResponse<String>> answer : answers) {
        assertEquals(201, answer.get().statusCode(), answer.get().body());
        ids.add(Json.of(answer.get()).get("campaign_id").asText());
      }
      assertEquals(100, ids.size());
      assertEquals(ids, Set.copyOf(openIds()));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void concurrent_retries_of_one_idempotency_key_create_one_campaign() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(threads.submit(() -> create("same-order", body(1))));
      }
      Set<String> ids = new HashSet<>();
      for (Future<HttpResponse<String>> answer : answers) {
        assertEquals(201, answer.get().statusCode());
        ids.add(Json.of(answer.get()).get("campaign_id").asText());
      }
      assertEquals(1, ids.size());
      assertEquals(List.copyOf(ids), openIds());
    } finally {
      threads.shutdownNow();
    }
  }
}
