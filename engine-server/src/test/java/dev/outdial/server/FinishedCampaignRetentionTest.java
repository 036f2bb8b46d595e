package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, fault 7 over HTTP: a finished campaign is answered for {@code
 * finished_retention_minutes} (24 hours by default), then 404; an idempotent replay of its create
 * still answers the first 201 and creates nothing.
 */
class FinishedCampaignRetentionTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");
  private static final String BODY =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
          + " \"schedule\", \"scheduled_date\": \"2099-01-01\", \"recipients\": [{\"phone\":"
          + " \"+447111000001\"}]}";

  private static HttpResponse<String> create(TestServer t) {
    return t.send(
        t.request("/v1/calls/batch")
            .header("Authorization", "Bearer " + t.keyA.token())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "reminders-2099")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build());
  }

  @Test
  void
      a_finished_campaign_is_404_after_24_hours_and_a_replay_of_its_create_answers_the_first_201() {
    SettableClock clock = new SettableClock(T0);
    try (TestServer t = TestServer.start(clock)) {
      HttpResponse<String> created = create(t);
      assertEquals(201, created.statusCode());
      String id = Json.of(created).get("campaign_id").asText();
      String path = "/v1/calls/batch/" + id;
      assertEquals(200, t.post(path + "/cancel", t.keyA).statusCode());

      clock.set(T0.plus(Duration.ofHours(24)).minusSeconds(1));
      assertEquals("canceled", Json.of(t.get(path, t.keyA)).get("status").asText());

      clock.set(T0.plus(Duration.ofHours(24)));
      HttpResponse<String> gone = t.get(path, t.keyA);
      assertEquals(404, gone.statusCode());
      assertEquals("not_found", Json.of(gone).get("error").asText());
      assertEquals(404, t.get(path + "/calls", t.keyA).statusCode());

      HttpResponse<String> replay = create(t);
      assertEquals(201, replay.statusCode());
      assertEquals(created.body(), replay.body(), "the first answer, naming the dropped campaign");
      assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(""));
      assertEquals(List.of(), t.server.engine().openCampaigns(), "nothing created again");
    }
  }

  @Test
  void finished_retention_minutes_sets_the_retention() {
    SettableClock clock = new SettableClock(T0);
    try (TestServer t =
        TestServer.start(
            clock,
            dev.outdial.engine.spi.EngineListener.none(),
            c -> c.withFinishedRetentionMinutes(5))) {
      String id = Json.of(create(t)).get("campaign_id").asText();
      t.post("/v1/calls/batch/" + id + "/cancel", t.keyA);

      clock.set(T0.plus(Duration.ofMinutes(5)).minusSeconds(1));
      assertEquals(200, t.get("/v1/calls/batch/" + id, t.keyA).statusCode());
      clock.set(T0.plus(Duration.ofMinutes(5)));
      assertEquals(404, t.get("/v1/calls/batch/" + id, t.keyA).statusCode());
    }
  }

  @Test
  void finished_retention_minutes_defaults_to_a_day_and_refuses_a_negative_value() {
    assertEquals(1440, ServerConfig.read("{}").finishedRetentionMinutes());
    assertEquals(1440, ServerConfig.sample().finishedRetentionMinutes());
    assertEquals(
        0, ServerConfig.read("{\"finished_retention_minutes\": 0}").finishedRetentionMinutes());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.read("{\"finished_retention_minutes\": -1}"));
    assertEquals(
        "config text: finished_retention_minutes must be 0 or more minutes, was -1",
        e.getMessage());
  }
}
