package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.HoldingDialer;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 over HTTP: a campaign's {@code retry} object, the second call it makes, and how its
 * answers show attempts — while a campaign without it answers exactly as in the seed.
 */
class RetryOverHttpTest {
  // Monday 15 June 2026, 09:00 UTC; the campaigns set no window, so they may always dial.
  private static final Instant NOW = Instant.parse("2026-06-15T09:00:00Z");
  private static final String ONE = "+447111000001";
  private static final String TWO = "+447111000002";

  private final SettableClock clock = new SettableClock(NOW);
  private final HoldingDialer dialer = new HoldingDialer();

  private TestServer server() {
    return TestServer.withDialer(clock, dialer, EngineListener.none(), c -> c, null, null);
  }

  private static String body(String retryField) {
    return "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", "
        + retryField
        + "\"recipients\": [{\"phone\": \""
        + ONE
        + "\"}]}";
  }

  private static String retrying(String retry) {
    return body("\"retry\": " + retry + ", ");
  }

  @Test
  void
      a_no_answer_is_called_again_as_a_new_call_after_min_delay_minutes_and_both_attempts_are_listed()
          throws Exception {
    try (TestServer t = server()) {
      HttpResponse<String> created =
          t.post(
              "/v1/calls/batch",
              t.keyA,
              retrying(
                  "{\"on\": [\"busy\", \"no_answer\"], \"max_attempts\": 2,"
                      + " \"min_delay_minutes\": 60}"));
      assertEquals(201, created.statusCode(), created.body());
      String id = Json.of(created).get("campaign_id").asText();
      String calls = "/v1/calls/batch/" + id + "/calls";

      HoldingDialer.Held first = dialer.next();
      assertEquals(ONE, first.phone());
      first.end(EndedReason.NO_ANSWER);

      JsonNode waiting = until(t, calls, page -> page.get("total").asInt() == 2);
      JsonNode attempt1 = waiting.get("calls").get(0);
      JsonNode attempt2 = waiting.get("calls").get(1);
      assertEquals(first.callId(), attempt1.get("call_id").asText(), waiting.toString());
      assertEquals(1, attempt1.get("attempt").asInt());
      assertEquals("no_answer", attempt1.get("ended_reason").asText());
      assertEquals(2, attempt2.get("attempt").asInt(), waiting.toString());
      assertEquals("queued", attempt2.get("status").asText());
      JsonNode between = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      assertEquals(1, between.get("calls_by_status").get("queued").asInt(), between.toString());
      assertEquals(0, between.get("calls_by_ended_reason").get("no_answer").asInt(), "not final");
      assertEquals(1, between.get("total_attempts").asInt());

      // At 59 minutes another key's campaign is dialled; the retry still waits its delay.
      clock.set(NOW.plus(Duration.ofMinutes(59)));
      t.post("/v1/calls/batch", t.keyB, body("").replace(ONE, TWO));
      HoldingDialer.Held other = dialer.next();
      assertEquals(TWO, other.phone(), "the other key's call, not the retry");
      assertEquals(
          "queued", Json.of(t.get(calls, t.keyA)).get("calls").get(1).get("status").asText());

      clock.set(NOW.plus(Duration.ofMinutes(60)));
      HoldingDialer.Held second = dialer.next();
      assertEquals(ONE, second.phone());
      assertNotEquals(first.callId(), second.callId());
      second.end(EndedReason.NO_ANSWER);
      other.end(EndedReason.COMPLETED);

      JsonNode campaign =
          until(t, "/v1/calls/batch/" + id, c -> c.get("status").asText().equals("completed"));
      assertEquals(2, campaign.get("total_attempts").asInt(), campaign.toString());
      assertEquals(1, campaign.get("total_calls").asInt());
      assertEquals(1, campaign.get("calls_by_status").get("ended").asInt());
      assertEquals(1, campaign.get("calls_by_ended_reason").get("no_answer").asInt(), "once");
      JsonNode retry = campaign.get("retry");
      assertEquals("[\"no_answer\",\"busy\"]", retry.get("on").toString(), "the enum's order");
      assertEquals(2, retry.get("max_attempts").asInt());
      assertEquals(60, retry.get("min_delay_minutes").asInt());

      JsonNode page = Json.of(t.get(calls, t.keyA));
      assertEquals(2, page.get("total").asInt(), page.toString());
      JsonNode last = page.get("calls").get(1);
      assertEquals(second.callId(), last.get("call_id").asText());
      assertEquals(2, last.get("attempt").asInt());
      assertEquals("no_answer", last.get("ended_reason").asText());
      assertEquals("2026-06-15T10:00:00.000Z", last.get("started_at").asText(), "after 60 min");
      assertEquals(1, page.get("calls").get(0).get("attempt").asInt());
    }
  }

  @Test
  void a_campaign_without_retry_shows_no_retry_total_attempts_or_attempt_as_in_the_seed()
      throws Exception {
    try (TestServer t = server()) {
      String id = Json.of(t.post("/v1/calls/batch", t.keyA, body(""))).get("campaign_id").asText();
      dialer.next().end(EndedReason.NO_ANSWER);

      JsonNode campaign =
          until(t, "/v1/calls/batch/" + id, c -> c.get("status").asText().equals("completed"));
      assertFalse(campaign.has("retry"), campaign.toString());
      assertFalse(campaign.has("total_attempts"), campaign.toString());
      JsonNode page = Json.of(t.get("/v1/calls/batch/" + id + "/calls", t.keyA));
      assertEquals(1, page.get("total").asInt(), "one call: no retry");
      assertFalse(page.get("calls").get(0).has("attempt"), page.toString());
      assertEquals(List.of(ONE), dialer.dialled());
    }
  }

  @Test
  void a_retry_that_is_not_an_object_is_an_invalid_field_named_retry() {
    try (TestServer t = server()) {
      JsonNode problem = onlyProblem(t, retrying("5"));
      assertEquals("retry", problem.get("field").asText());
      assertEquals("wrong_type", problem.get("reason").asText());
    }
  }

  @Test
  void max_attempts_as_a_string_or_a_fraction_is_an_invalid_field_named_retry_max_attempts() {
    try (TestServer t = server()) {
      JsonNode text =
          onlyProblem(
              t,
              retrying("{\"on\": [\"busy\"], \"max_attempts\": \"3\", \"min_delay_minutes\": 5}"));
      assertEquals("retry.max_attempts", text.get("field").asText());
      assertEquals("wrong_type", text.get("reason").asText());

      JsonNode fraction =
          onlyProblem(
              t, retrying("{\"on\": [\"busy\"], \"max_attempts\": 2.5, \"min_delay_minutes\": 5}"));
      assertEquals("retry.max_attempts", fraction.get("field").asText());
      assertEquals("not_whole", fraction.get("reason").asText());
    }
  }

  @Test
  void whole_numbers_written_with_a_fraction_or_exponent_are_accepted_like_window_minutes() {
    try (TestServer t = server()) {
      HttpResponse<String> created =
          t.post(
              "/v1/calls/batch",
              t.keyA,
              retrying(
                  "{\"on\": [\"busy\"], \"max_attempts\": 3.0, \"min_delay_minutes\": 1.2e2}"));
      assertEquals(201, created.statusCode(), created.body());
      String id = Json.of(created).get("campaign_id").asText();
      JsonNode retry = Json.of(t.get("/v1/calls/batch/" + id, t.keyA)).get("retry");
      assertEquals(3, retry.get("max_attempts").asInt(), retry.toString());
      assertEquals(120, retry.get("min_delay_minutes").asInt(), retry.toString());
    }
  }

  @Test
  void on_that_is_not_an_array_of_retryable_reasons_is_an_invalid_field_naming_the_entry() {
    try (TestServer t = server()) {
      JsonNode notArray =
          onlyProblem(
              t, retrying("{\"on\": \"busy\", \"max_attempts\": 2, \"min_delay_minutes\": 5}"));
      assertEquals("retry.on", notArray.get("field").asText());
      assertEquals("wrong_type", notArray.get("reason").asText());

      JsonNode number =
          onlyProblem(
              t,
              retrying("{\"on\": [\"busy\", 5], \"max_attempts\": 2, \"min_delay_minutes\": 5}"));
      assertEquals("retry.on[1]", number.get("field").asText());
      assertEquals("wrong_type", number.get("reason").asText());

      JsonNode completed =
          onlyProblem(
              t,
              retrying("{\"on\": [\"completed\"], \"max_attempts\": 2, \"min_delay_minutes\": 5}"));
      assertEquals("retry.on[0]", completed.get("field").asText());
      assertEquals("not_retryable", completed.get("reason").asText());
    }
  }

  @Test
  void a_missing_member_an_unknown_member_and_out_of_range_values_are_each_named() {
    try (TestServer t = server()) {
      JsonNode missing = onlyProblem(t, retrying("{\"on\": [\"busy\"], \"max_attempts\": 2}"));
      assertEquals("retry.min_delay_minutes", missing.get("field").asText());
      assertEquals("missing", missing.get("reason").asText());

      JsonNode unknown =
          onlyProblem(
              t,
              retrying(
                  "{\"on\": [\"busy\"], \"max_attempts\": 2, \"min_delay_minutes\": 5,"
                      + " \"delay\": 5}"));
      assertEquals("retry.delay", unknown.get("field").asText());
      assertEquals("unknown_field", unknown.get("reason").asText());

      JsonNode one =
          onlyProblem(
              t, retrying("{\"on\": [\"busy\"], \"max_attempts\": 1, \"min_delay_minutes\": 5}"));
      assertEquals("retry.max_attempts", one.get("field").asText());
      assertEquals("out_of_range", one.get("reason").asText());

      JsonNode week =
          onlyProblem(
              t,
              retrying("{\"on\": [\"busy\"], \"max_attempts\": 2, \"min_delay_minutes\": 10081}"));
      assertEquals("retry.min_delay_minutes", week.get("field").asText());
      assertEquals("out_of_range", week.get("reason").asText());
    }
  }

  @Test
  void a_wrongly_typed_member_is_answered_with_the_engines_problems_but_not_also_as_missing() {
    try (TestServer t = server()) {
      HttpResponse<String> refused =
          t.post(
              "/v1/calls/batch",
              t.keyA,
              retrying(
                  "{\"on\": [\"completed\"], \"max_attempts\": \"3\", \"min_delay_minutes\": 5}"));
      assertEquals(400, refused.statusCode(), refused.body());
      JsonNode invalid = Json.of(refused).get("invalid");
      assertEquals(2, invalid.size(), refused.body());
      assertEquals("retry.max_attempts", invalid.get(0).get("field").asText());
      assertEquals("wrong_type", invalid.get(0).get("reason").asText());
      assertEquals("retry.on[0]", invalid.get(1).get("field").asText());
      assertEquals("not_retryable", invalid.get(1).get("reason").asText());
    }
  }

  /** The one problem of a refused create, which must be {@code 400 invalid_field}. */
  private static JsonNode onlyProblem(TestServer t, String body) {
    HttpResponse<String> refused = t.post("/v1/calls/batch", t.keyA, body);
    assertEquals(400, refused.statusCode(), refused.body());
    JsonNode answer = Json.of(refused);
    assertEquals("invalid_field", answer.get("error").asText(), refused.body());
    assertEquals(1, answer.get("invalid").size(), refused.body());
    JsonNode problem = answer.get("invalid").get(0);
    assertTrue(
        answer.get("message").asText().contains(problem.get("field").asText()), refused.body());
    return problem;
  }

  /** GETs {@code path} until its answer satisfies {@code done}, for at most 20 s. */
  private static JsonNode until(TestServer t, String path, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode answer = Json.of(t.get(path, t.keyA));
    while (!done.test(answer) && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
      answer = Json.of(t.get(path, t.keyA));
    }
    assertTrue(done.test(answer), "not reached within 20 s: " + answer);
    return answer;
  }
}
