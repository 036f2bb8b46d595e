package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.server.support.ChildServer;
import dev.outdial.server.support.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server on a small heap under twelve concurrent large creates: every request is
 * answered, 201 or a JSON refusal naming the limit, the heap never runs out, and the server still
 * answers afterwards. It runs {@code OutdialServerMain} itself in a child JVM with the limits the
 * server derives from that heap, at the scale: twelve creates of 100,000 recipients with
 * two variables each (7.9 MB bodies) on {@code -Xmx384m}. (Half that scale on {@code -Xmx192m}
 * saves only a few seconds, and runs with a lowered body limit the heap never sees.)
 */
class SmallHeapLargeCreatesTest {
  private static final int CREATES = 12;
  private static final int RECIPIENTS = 100_000;
  private static final Set<Integer> REFUSALS = Set.of(413, 429, 503);

  @TempDir Path dir;

  static byte[] body(int recipients, int salt) {
    StringBuilder b =
        new StringBuilder(
            "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"Remind {{first}} {{last}}\","
                + " \"schedule_type\": \"schedule\", \"scheduled_date\": \"2099-01-01\","
                + " \"name\": \"load "
                + salt
                + "\", \"recipients\": [");
    for (int i = 0; i < recipients; i++) {
      b.append(i == 0 ? "" : ",")
          .append(String.format("{\"phone\":\"+4471%08d\",", i))
          .append(
              String.format("\"variables\":{\"first\":\"Ann%06d\",\"last\":\"Lee%06d\"}}", i, i));
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void concurrent_large_creates_on_a_small_heap_are_all_answered_and_the_server_survives()
      throws Exception {
    try (ChildServer child =
        ChildServer.start(
            dir,
            List.of("-Xmx384m"),
            OutdialServerMain.class.getName(),
            """
            {"listen": {"port": 0},
             "agents": [{"agent_id": "agent_125207e452f8714a", "timezone": "Europe/London",
                         "outbound_numbers": ["+447446466847"]}],
             "api_keys": [{"key_id": "KEY_ID", "secret_sha256": "KEY_SHA256"}]}
            """)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < CREATES; i++) {
        HttpRequest create =
            HttpRequest.newBuilder(child.uri("/v1/calls/batch"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + child.key.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(RECIPIENTS, i)))
                .build();
        answers.add(client.sendAsync(create, HttpResponse.BodyHandlers.ofString()));
      }

      String created = null;
      List<String> outcomes = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response;
        try {
          response = answer.join();
        } catch (CompletionException e) {
          outcomes.add("no answer: " + e.getCause());
          continue;
        }
        JsonNode json = Json.of(response);
        if (response.statusCode() == 201) {
          created = json.get("campaign_id").asText();
          outcomes.add("201");
        } else {
          outcomes.add(response.statusCode() + " " + json.path("error").asText());
          assertTrue(REFUSALS.contains(response.statusCode()), response.body());
          assertTrue(json.hasNonNull("message"), response.body());
        }
      }

      assertTrue(outcomes.stream().noneMatch(o -> o.startsWith("no answer")), outcomes::toString);
      assertTrue(created != null, () -> "at least one create fits: " + outcomes);
      assertFalse(child.log().contains("OutOfMemoryError"), child::log);
      assertTrue(child.process().isAlive(), child::log);
      HttpResponse<String> after =
          client.send(
              HttpRequest.newBuilder(child.uri("/v1/calls/batch/" + created))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + child.key.token())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, after.statusCode(), after.body());
      assertEquals(RECIPIENTS, Json.of(after).get("total_calls").asInt(), after.body());
    }
  }
}
