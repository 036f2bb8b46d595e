package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue acceptance 3: every error code of SPEC §1 and every HTTP failure, each with its status and
 * body {@code {"error", "reason"?, "message", "invalid"?}}, and no stack trace in any of them.
 */
class ErrorAnswersTest {
  private static final String OK_FIELDS =
      "\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\"";
  private static TestServer t;
  private final List<HttpResponse<String>> answers = new ArrayList<>();

  @BeforeAll
  static void start() {
    t = TestServer.start(new SettableClock(Instant.parse("2026-06-10T12:00:00Z")));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @AfterEach
  void no_answer_carries_a_stack_trace() {
    for (HttpResponse<String> answer : answers) {
      assertFalse(answer.body().contains("Exception"), answer.body());
      assertFalse(answer.body().contains("\tat "), answer.body());
      assertFalse(answer.body().contains("dev.outdial"), answer.body());
    }
  }

  private JsonNode create(String json, int status, String error) {
    HttpResponse<String> answer = t.post("/v1/calls/batch", t.keyA, json);
    return expect(answer, status, error);
  }

  private JsonNode expect(HttpResponse<String> answer, int status, @Nullable String error) {
    answers.add(answer);
    assertEquals(status, answer.statusCode(), answer.body());
    assertTrue(
        answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = Json.of(answer);
    if (error == null) {
      return body;
    }
    assertEquals(error, body.get("error").asText(), answer.body());
    assertFalse(body.get("message").asText().isBlank());
    return body;
  }

  private static String request(String fields, String recipients) {
    return "{" + fields + ", \"recipients\": [" + recipients + "]}";
  }

  private static final String ONE = "{\"phone\": \"+447111000001\"}";

  @Test
  void missing_prompt_is_400_missing_field_naming_it() {
    JsonNode body =
        create(
            "{\"agent_id\": \"agent_125207e452f8714a\", \"recipients\": [" + ONE + "]}",
            400,
            "missing_field");
    assertEquals("prompt", body.get("invalid").get(0).get("field").asText());
    assertTrue(body.get("message").asText().contains("prompt"), body.toString());
  }

  @Test
  void an_empty_window_is_400_invalid_field() {
    JsonNode body =
        create(
            request(
                OK_FIELDS + ", \"window_start_minutes\": 540, \"window_end_minutes\": 540", ONE),
            400,
            "invalid_field");
    assertEquals("window_end_minutes", body.get("invalid").get(0).get("field").asText());
    assertEquals("empty_window", body.get("invalid").get(0).get("reason").asText());
  }

  @Test
  void each_creation_failure_is_400_with_its_reason() {
    String[][] cases = {
      {OK_FIELDS + ", \"timezone\": \"Mars/Olympus\"", "invalid_timezone", "Mars/Olympus"},
      {"\"agent_id\": \"agent_nobody\", \"prompt\": \"p\"", "agent_not_found", "agent_nobody"},
      {
        OK_FIELDS + ", \"from_number\": \"+447000000000\"", "from_number_not_owned", "+447000000000"
      },
      {"\"agent_id\": \"agent_two_numbers\", \"prompt\": \"p\"", "from_number_required", "2"},
      {"\"agent_id\": \"agent_no_number\", \"prompt\": \"p\"", "no_outbound_number", "agent_no"},
    };
    for (String[] c : cases) {
      JsonNode body = create(request(c[0], ONE), 400, "campaign_creation_failed");
      assertEquals(c[1], body.get("reason").asText(), body.toString());
      assertTrue(body.get("message").asText().contains(c[2]), body.toString());
    }
  }

  @Test
  void bad_phones_are_400_invalid_phone_format_listing_index_phone_and_reason() {
    JsonNode body =
        create(
            request(OK_FIELDS, ONE + ", {\"phone\": \"07111 000002\"}, {\"phone\": \"+44 12\"}"),
            400,
            "invalid_phone_format");
    JsonNode invalid = body.get("invalid");
    assertEquals(2, invalid.size());
    assertEquals(1, invalid.get(0).get("index").asInt());
    assertEquals("07111 000002", invalid.get(0).get("phone").asText());
    assertEquals("not_international", invalid.get(0).get("reason").asText());
    assertEquals(2, invalid.get(1).get("index").asInt());
  }

  @Test
  void unknown_fields_and_wrong_types_are_invalid_field_naming_each() {
    JsonNode body =
        create(
            "{"
                + OK_FIELDS
                + ", \"recipients\": [{\"phone\": 447111000001, \"colour\": \"red\"}],"
                + " \"skip_invalid\": \"yes\", \"window_start_minutes\": 9.5,"
                + " \"window_end_minutes\": 1080, \"promt\": \"typo\"}",
            400,
            "invalid_field");
    List<String> fields = new ArrayList<>();
    body.get("invalid").forEach(p -> fields.add(p.get("field").asText()));
    assertEquals(
        java.util.Set.of(
            "promt",
            "window_start_minutes",
            "recipients[0].phone",
            "recipients[0].colour",
            "skip_invalid"),
        java.util.Set.copyOf(fields));
    assertEquals(5, fields.size(), body.toString());
  }

  @Test
  void a_missing_field_wins_over_shape_problems_as_spec_orders_the_groups() {
    JsonNode body =
        create(
            "{\"agent_id\": \"agent_125207e452f8714a\", \"recipients\": [" + ONE + "], \"x\": 1}",
            400,
            "missing_field");
    assertEquals("prompt", body.get("invalid").get(0).get("field").asText());
  }

  @Test
  void shape_problems_are_answered_together_with_the_engines_invalid_fields() {
    JsonNode body =
        create(
            request(OK_FIELDS + ", \"name\": 5, \"window_days\": [\"mon\", \"funday\"]", ONE),
            400,
            "invalid_field");
    List<String> fields = new ArrayList<>();
    body.get("invalid").forEach(p -> fields.add(p.get("field").asText()));
    assertEquals(List.of("name", "window_days[1]"), fields);
  }

  @Test
  void variables_take_numbers_and_booleans_as_text_but_refuse_objects() {
    HttpResponse<String> ok =
        t.post(
            "/v1/calls/batch",
            t.keyA,
            request(
                OK_FIELDS,
                "{\"phone\": \"+447111000001\", \"variables\": {\"age\": 42, \"vip\": true}}"));
    assertEquals(201, ok.statusCode(), ok.body());
    JsonNode body =
        create(
            request(OK_FIELDS, "{\"phone\": \"+447111000001\", \"variables\": {\"address\": {}}}"),
            400,
            "invalid_field");
    assertEquals(
        "recipients[0].variables.address", body.get("invalid").get(0).get("field").asText());
  }

  @Test
  void malformed_json_is_400_invalid_json_saying_where() {
    JsonNode body = create("{\n  \"prompt\": \"p\",\n  \"agent_id\" \"x\"\n}", 400, "invalid_json");
    assertTrue(body.get("message").asText().contains("line 3"), body.toString());
    create("[1, 2]", 400, "invalid_json");
    create("", 400, "invalid_json");
    create("{\"prompt\": \"a\", \"prompt\": \"b\"}", 400, "invalid_json");
    create("{\"prompt\": \"a\"} {}", 400, "invalid_json");
    create("[".repeat(100) + "]".repeat(100), 400, "invalid_json");
  }

  @Test
  void a_wrong_or_missing_content_type_is_415() {
    for (String type :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1")) {
      HttpResponse<String> answer =
          t.send(
              t.request("/v1/calls/batch")
                  .header("Authorization", "Bearer " + t.keyA.token())
                  .header("Content-Type", type)
                  .POST(HttpRequest.BodyPublishers.ofString(request(OK_FIELDS, ONE)))
                  .build());
      expect(answer, 415, "unsupported_media_type");
    }
    HttpResponse<String> none =
        t.send(
            t.request("/v1/calls/batch")
                .header("Authorization", "Bearer " + t.keyA.token())
                .POST(HttpRequest.BodyPublishers.ofString(request(OK_FIELDS, ONE)))
                .build());
    expect(none, 415, "unsupported_media_type");
  }

  @Test
  void a_body_over_the_limit_is_413_whether_its_length_is_declared_or_streamed() {
    byte[] big = ("{\"prompt\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> declared =
        t.post("/v1/calls/batch", t.keyA, new String(big, StandardCharsets.UTF_8));
    expect(declared, 413, "payload_too_large");
    HttpResponse<String> streamed =
        t.send(
            t.request("/v1/calls/batch")
                .header("Authorization", "Bearer " + t.keyA.token())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build());
    expect(streamed, 413, "payload_too_large");
  }

  @Test
  void unknown_campaign_and_unknown_route_are_404_and_a_wrong_method_is_405() {
    expect(t.get("/v1/calls/batch/batchcall_0000000000000000", t.keyA), 404, "not_found");
    expect(t.post("/v1/calls/batch/batchcall_0000000000000000/launch", t.keyA), 404, "not_found");
    expect(t.get("/v1/calls/nothing", t.keyA), 404, "not_found");
    HttpResponse<String> wrong = t.get("/v1/calls/batch", t.keyA);
    expect(wrong, 405, "method_not_allowed");
    assertEquals("POST", wrong.headers().firstValue("Allow").orElseThrow());
    expect(t.post("/v1/calls/batch/batchcall_0000000000000000", t.keyA), 405, "method_not_allowed");
  }

  @Test
  void an_action_that_does_not_fit_the_status_is_409_invalid_state() {
    String scheduled =
        OK_FIELDS + ", \"schedule_type\": \"schedule\", \"scheduled_date\": \"2099-01-01\"";
    String id =
        Json.of(t.post("/v1/calls/batch", t.keyA, request(scheduled, ONE)))
            .get("campaign_id")
            .asText();
    JsonNode body =
        expect(t.post("/v1/calls/batch/" + id + "/pause", t.keyA), 409, "invalid_state");
    assertTrue(body.get("message").asText().contains("scheduled"), body.toString());
    expect(t.post("/v1/calls/batch/" + id + "/resume", t.keyA), 409, "invalid_state");
    expect(t.post("/v1/calls/batch/" + id + "/cancel", t.keyA), 200, null);
    expect(t.post("/v1/calls/batch/" + id + "/cancel", t.keyA), 409, "invalid_state");
  }

  @Test
  void bad_paging_parameters_are_400_invalid_field() {
    String id =
        Json.of(t.post("/v1/calls/batch", t.keyA, request(OK_FIELDS, ONE)))
            .get("campaign_id")
            .asText();
    expect(t.get("/v1/calls/batch/" + id + "/calls?limit=0", t.keyA), 400, "invalid_field");
    expect(t.get("/v1/calls/batch/" + id + "/calls?offset=-1", t.keyA), 400, "invalid_field");
    expect(t.get("/v1/calls/batch/" + id + "/calls?page=2", t.keyA), 400, "invalid_field");
  }
}
