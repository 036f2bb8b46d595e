package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, fault 12: what a client reads is in its own words — malformed JSON says what is wrong
 * and where, whole-number minutes are accepted however they are written, a blank variable name is
 * named, and every time in an answer has one precision (milliseconds, UTC).
 */
class ClientWordsTest {
  private static final String OK = "\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\"";
  private static final String ONE = "\"recipients\": [{\"phone\": \"+447111000001\"}]";

  /** The clock has nanoseconds, as the system clock does. */
  private static final SettableClock CLOCK =
      new SettableClock(Instant.parse("2026-06-10T12:00:00.123456789Z"));

  private static final Pattern MILLIS_UTC =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
  private static final List<String> JACKSON_WORDS =
      List.of(
          "StreamReadConstraints",
          "DeserializationFeature",
          "JsonReadFeature",
          "com.fasterxml",
          "JsonNode",
          "token (of type",
          "(code ",
          "CTRL-CHAR",
          "`",
          "Source:",
          "marker");

  private static TestServer t;

  @BeforeAll
  static void start() {
    t =
        TestServer.start(
            CLOCK,
            EngineListener.none(),
            c -> c.withHttp(new ServerConfig.Http(1L << 20, 4, null, 5, null, null)));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  /** A body as the failure message shows it: short, on one line. */
  private static final class Shown {
    static String of(String body) {
      String line = body.replace("\n", "\\n");
      return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
  }

  private static JsonNode send(String body, int status) {
    HttpResponse<String> answer = t.post("/v1/calls/batch", t.keyA, body);
    assertEquals(status, answer.statusCode(), answer.body());
    return Json.of(answer);
  }

  @Test
  void malformed_json_says_what_is_wrong_and_where_in_a_clients_words() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("{\n  \"prompt\" \"p\"\n}", "line 2, column 12: expected ':' after a field name");
    expected.put(
        "{\"prompt\": \"p\",}", "line 1, column 16: expected a field name in double quotes");
    expected.put(
        "{'prompt': 'p'}",
        "line 1, column 2: expected a field name in double quotes, found a single quote");
    expected.put("{\"prompt\": \"p\" \"x\": 1}", "expected ',' or '}' after a value in an object");
    expected.put("{\"a\": [1 2]}", "expected ',' or ']' after a value in an array");
    expected.put("{\"a\": }", "line 1, column 7: expected a value");
    expected.put("{\"a\": tru}", "line 1, column 7: 'tru' is not a JSON value");
    expected.put("{\"a\": 1", "the body ends before the JSON does");
    expected.put("{\"a\": \"abc", "the body ends before the JSON does");
    expected.put("{\"a\": 1, \"a\": 2}", "line 1, column 13: field 'a' appears twice");
    expected.put("{} {}", "line 1, column 4: more content after the JSON value");
    expected.put(
        "{\"a\": \"x\ny\"}", "line 1, column 9: a control character (U+000A) inside a string");
    expected.put("{\"a\": \"\\q\"}", "line 1, column 9: '\\q' is not a JSON escape");
    expected.put("{\"a\": 007}", "a number with a leading zero");
    expected.put("{\"a\": NaN}", "'NaN' is not a JSON value");
    expected.put("{\"a\": -}", "a malformed number");
    expected.put("{\"a\": [}", "'}' does not close the open array");
    expected.put(
        "[".repeat(40) + "]".repeat(40), "line 1, column 34: nesting deeper than 32 levels");
    expected.put("{\"a\": " + "1".repeat(1_500) + "}", "a number longer than 1000 digits");
    expected.put(
        "{\"" + "n".repeat(60_000) + "\": 1}", "a field name longer than 50000 characters");

    List<String> wrong = new ArrayList<>();
    for (var e : expected.entrySet()) {
      JsonNode body = send(e.getKey(), 400);
      String message = body.get("message").asText();
      assertEquals("invalid_json", body.get("error").asText(), message);
      boolean jackson = JACKSON_WORDS.stream().anyMatch(message::contains);
      if (!message.startsWith("malformed JSON at line ")
          || !message.contains(e.getValue())
          || jackson) {
        wrong.add(Shown.of(e.getKey()) + " -> " + message);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void minutes_written_as_540_0_are_whole_and_540_5_is_refused_as_not_whole() {
    JsonNode created =
        send(
            "{"
                + OK
                + ", "
                + ONE
                + ", \"window_start_minutes\": 540.0, \"window_end_minutes\": 1.08e3}",
            201);
    JsonNode campaign =
        Json.of(t.get("/v1/calls/batch/" + created.get("campaign_id").asText(), t.keyA));
    assertEquals(540, campaign.get("window").get("start_minutes").asInt());
    assertEquals(1080, campaign.get("window").get("end_minutes").asInt());

    JsonNode refused =
        send(
            "{"
                + OK
                + ", "
                + ONE
                + ", \"window_start_minutes\": 540.5, \"window_end_minutes\": 1080}",
            400);
    assertEquals("invalid_field", refused.get("error").asText());
    JsonNode problem = refused.get("invalid").get(0);
    assertEquals("window_start_minutes", problem.get("field").asText());
    assertEquals("not_whole", problem.get("reason").asText());
    assertEquals("540.5", problem.get("value").asText());
    assertEquals(
        "window_start_minutes 540.5 must be a whole number of minutes",
        refused.get("message").asText());
  }

  @Test
  void an_empty_variable_name_is_invalid_field() {
    JsonNode refused =
        send(
            "{"
                + OK
                + ", \"recipients\": [{\"phone\": \"+447111000001\", \"variables\": {\"\": \"John\"}}]}",
            400);

    assertEquals("invalid_field", refused.get("error").asText());
    assertEquals("blank_name", refused.get("invalid").get(0).get("reason").asText());
  }

  @Test
  void times_in_answers_are_utc_with_milliseconds() {
    JsonNode created =
        send(
            "{"
                + OK
                + ", "
                + ONE
                + ", \"schedule_type\": \"schedule\", \"scheduled_date\": \"2026-06-15\","
                + " \"window_start_minutes\": 540, \"window_end_minutes\": 1080}",
            201);
    JsonNode campaign =
        Json.of(t.get("/v1/calls/batch/" + created.get("campaign_id").asText(), t.keyA));

    assertEquals("2026-06-15T08:00:00.000Z", created.get("fires_at").asText());
    assertEquals("2026-06-10T12:00:00.123Z", campaign.get("created_at").asText());
    for (String field : List.of("created_at", "fires_at")) {
      String time = campaign.get(field).asText();
      assertTrue(MILLIS_UTC.matcher(time).matches(), field + " " + time);
    }
  }
}
