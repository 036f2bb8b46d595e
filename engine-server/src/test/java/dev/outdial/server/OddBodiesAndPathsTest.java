package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bodies and paths a hostile or careless client sends: answered in JSON, in linear time. */
class OddBodiesAndPathsTest {
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

  private HttpResponse<String> create(byte[] body) {
    return t.send(
        t.request("/v1/calls/batch")
            .header("Authorization", "Bearer " + t.keyA.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  @Test
  void twenty_thousand_bad_recipients_are_counted_in_one_prompt_answer_listing_the_first_1000() {
    StringBuilder body =
        new StringBuilder("{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\",")
            .append(" \"recipients\": [");
    for (int i = 0; i < 20_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"phone\": \"+447111000001\", \"x\": 1}");
    }
    body.append("]}");

    // Within the tests' 10 s answer limit (pom): a quadratic check would be cut off.
    HttpResponse<String> answer = create(body.toString().getBytes(StandardCharsets.UTF_8));

    assertEquals(400, answer.statusCode());
    JsonNode json = Json.of(answer);
    assertEquals("invalid_field", json.get("error").asText());
    assertEquals(20_000, json.get("invalid_count").asInt());
    assertEquals(1_000, json.get("invalid").size());
    assertEquals("recipients[999].x", json.get("invalid").get(999).get("field").asText());
  }

  @Test
  void a_body_in_another_encoding_than_utf8_is_invalid_json() {
    String body =
        "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\","
            + " \"recipients\": [{\"phone\": \"+447111000001\"}]}";

    HttpResponse<String> utf16 = create(body.getBytes(StandardCharsets.UTF_16LE));
    HttpResponse<String> blank = create("  \n ".getBytes(StandardCharsets.UTF_8));

    assertEquals(400, utf16.statusCode());
    assertEquals("invalid_json", Json.of(utf16).get("error").asText());
    assertEquals("invalid_json", Json.of(blank).get("error").asText());
    assertTrue(Json.of(blank).get("message").asText().contains("empty"));
  }

  @Test
  void paths_outside_the_api_are_a_json_404_and_a_long_id_is_not_echoed() {
    HttpResponse<String> root = t.get("/", t.keyA);
    HttpResponse<String> other = t.get("/V1/calls/batch", t.keyA);
    HttpResponse<String> longId = t.get("/v1/calls/batch/" + "a".repeat(50_000), t.keyA);

    for (HttpResponse<String> answer : java.util.List.of(root, other, longId)) {
      assertEquals(404, answer.statusCode());
      assertEquals("not_found", Json.of(answer).get("error").asText());
      assertTrue(answer.body().length() < 300, answer.body().length() + " bytes");
    }
  }
}
