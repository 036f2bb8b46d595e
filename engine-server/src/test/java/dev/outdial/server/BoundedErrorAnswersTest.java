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
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, fault 10: an error answer quotes at most 100 characters of any value, and lists at most
 * the first 1,000 problems with their total in {@code invalid_count}, so its size is bounded
 * whatever the request holds.
 */
class BoundedErrorAnswersTest {
  private static final String AGENT = "\"agent_id\": \"agent_125207e452f8714a\"";
  private static final String ONE = "[{\"phone\": \"+447111000001\"}]";
  private static TestServer t;

  @BeforeAll
  static void start() {
    t =
        TestServer.start(
            new SettableClock(Instant.parse("2026-06-10T12:00:00Z")),
            EngineListener.none(),
            c -> c.withHttp(new ServerConfig.Http(8L << 20, 4, null, 5, null, null)));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static JsonNode refused(String json, String error, int maxAnswerBytes) {
    HttpResponse<String> answer = t.post("/v1/calls/batch", t.keyA, json);
    assertEquals(400, answer.statusCode(), () -> answer.body().substring(0, 300));
    assertTrue(
        answer.body().length() <= maxAnswerBytes,
        () ->
            "answer of "
                + answer.body().length()
                + " characters: "
                + answer.body().substring(0, 300));
    JsonNode body = Json.of(answer);
    assertEquals(error, body.get("error").asText());
    everyStringAtMost(body, 1_000);
    return body;
  }

  /** No string of the answer (message, value, phone, field) carries a long value whole. */
  private static void everyStringAtMost(JsonNode node, int max) {
    if (node.isTextual()) {
      assertTrue(node.textValue().length() <= max, () -> "too long: " + node.textValue().length());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      everyStringAtMost(it.next().getValue(), max);
    }
    for (JsonNode element : node) {
      if (!node.isObject()) {
        everyStringAtMost(element, max);
      }
    }
  }

  private static void quotesAtMost100(String quoted, String of) {
    assertTrue(quoted.length() <= 103, () -> "quoted " + quoted.length() + " characters");
    assertEquals(of.substring(0, 100) + "...", quoted);
  }

  @Test
  void a_5_mb_prompt_is_refused_quoting_100_characters_of_it() {
    String prompt = "x".repeat(5_000_000);
    JsonNode body =
        refused(
            "{" + AGENT + ", \"prompt\": \"" + prompt + "\", \"recipients\": " + ONE + "}",
            "invalid_field",
            2_000);

    JsonNode problem = body.get("invalid").get(0);
    assertEquals("prompt", problem.get("field").asText());
    assertEquals("too_long", problem.get("reason").asText());
    quotesAtMost100(problem.get("value").asText(), prompt);
    assertEquals(1, body.get("invalid_count").asInt());
  }

  @Test
  void a_5000_digit_phone_is_refused_quoting_100_characters_of_it() {
    String phone = "+44" + "7".repeat(5_000);
    JsonNode body =
        refused(
            "{" + AGENT + ", \"prompt\": \"p\", \"recipients\": [{\"phone\": \"" + phone + "\"}]}",
            "invalid_phone_format",
            1_000);

    JsonNode problem = body.get("invalid").get(0);
    quotesAtMost100(problem.get("phone").asText(), phone);
    assertTrue(problem.get("message").asText().contains(phone.substring(0, 100) + "..."));
  }

  @Test
  void a_5000_digit_phone_skipped_in_a_201_is_quoted_by_100_characters() {
    String phone = "+44" + "7".repeat(5_000);
    HttpResponse<String> answer =
        t.post(
            "/v1/calls/batch",
            t.keyA,
            "{"
                + AGENT
                + ", \"prompt\": \"p\", \"skip_invalid\": true, \"recipients\": [{\"phone\": \""
                + phone
                + "\"}, {\"phone\": \"+447111000001\"}]}");

    assertEquals(201, answer.statusCode(), answer.body());
    assertTrue(answer.body().length() < 1_000, () -> answer.body().substring(0, 300));
    quotesAtMost100(Json.of(answer).get("invalid").get(0).get("phone").asText(), phone);
  }

  @Test
  void eighty_thousand_bad_phones_list_the_first_1000_and_count_them_all() {
    StringBuilder recipients = new StringBuilder("[");
    for (int i = 0; i < 80_000; i++) {
      recipients.append(i == 0 ? "" : ",").append("{\"phone\": \"0711100").append(i).append("\"}");
    }
    JsonNode body =
        refused(
            "{" + AGENT + ", \"prompt\": \"p\", \"recipients\": " + recipients + "]}",
            "invalid_phone_format",
            200_000);

    assertEquals(1_000, body.get("invalid").size());
    assertEquals(80_000, body.get("invalid_count").asInt());
    assertEquals(999, body.get("invalid").get(999).get("index").asInt());
    assertTrue(body.get("message").asText().contains("80000"), body.get("message").asText());
  }

  @Test
  void an_unknown_field_with_a_40000_character_name_is_quoted_by_100_characters() {
    String name = "n".repeat(40_000);
    JsonNode body =
        refused(
            "{" + AGENT + ", \"prompt\": \"p\", \"recipients\": " + ONE + ", \"" + name + "\": 1}",
            "invalid_field",
            1_000);

    assertEquals("unknown_field", body.get("invalid").get(0).get("reason").asText());
    quotesAtMost100(body.get("invalid").get(0).get("field").asText(), name);
  }

  @Test
  void a_long_variable_name_is_quoted_by_100_characters_in_field_and_message() {
    String name = "v".repeat(40_000);
    JsonNode body =
        refused(
            "{"
                + AGENT
                + ", \"prompt\": \"p\", \"recipients\": [{\"phone\": \"+447111000001\","
                + " \"variables\": {\""
                + name
                + "\": \"x\"}}]}",
            "invalid_field",
            1_000);

    assertEquals("name_too_long", body.get("invalid").get(0).get("reason").asText());
  }

  @Test
  void a_long_timezone_and_agent_are_quoted_by_100_characters() {
    String zone = "Z".repeat(50_000);
    String agent = "a".repeat(50_000);
    JsonNode body =
        refused(
            "{\"agent_id\": \""
                + agent
                + "\", \"timezone\": \""
                + zone
                + "\", \"prompt\": \"p\", \"recipients\": "
                + ONE
                + "}",
            "campaign_creation_failed",
            1_500);

    quotesAtMost100(body.get("invalid").get(0).get("value").asText(), zone);
    quotesAtMost100(body.get("invalid").get(1).get("value").asText(), agent);
  }
}
