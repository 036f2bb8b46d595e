package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.server.support.ChildServer;
import dev.outdial.server.support.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, acceptance 4: the server in its own JVM on its default store (SQLite {@code outdial.db}
 * in its working directory), killed with SIGKILL after answering an idempotent create; restarted on
 * the same file, a retry with the same key and body gets the first answer byte for byte and creates
 * nothing, and the same key with another body is 409.
 */
class IdempotencyAfterKillTest {
  private static final String MAIN = "dev.outdial.server.OutdialServerMain";
  private static final List<String> JVM = List.of("-Xmx128m");
  private static final String CONFIG =
      """
      {
        "listen": {"host": "127.0.0.1", "port": 0},
        "agents": [{"agent_id": "agent_125207e452f8714a", "timezone": "Europe/London",
                    "outbound_numbers": ["+447446466847"]}],
        "api_keys": [{"key_id": "KEY_ID", "secret_sha256": "KEY_SHA256"}],
        "api_keys_file": "keys.json"
      }
      """;
  private static final String BODY =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
          + " \"schedule\", \"scheduled_date\": \"2099-01-01\", \"recipients\": [{\"phone\":"
          + " \"+447111000001\"}, {\"phone\": \"+447111000002\"}]}";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<byte[]> send(ChildServer server, HttpRequest.Builder request)
      throws Exception {
    return client.send(
        request
            .header("Authorization", "Bearer " + server.key.token())
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> create(ChildServer server, String body) throws Exception {
    return send(
        server,
        HttpRequest.newBuilder(server.uri("/v1/calls/batch"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "order-42")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void a_retry_after_kill_9_gets_the_first_answer_byte_for_byte_and_no_second_campaign(
      @TempDir Path dir) throws Exception {
    ChildServer first = ChildServer.start(dir, JVM, MAIN, CONFIG);
    HttpResponse<byte[]> answered;
    try {
      answered = create(first, BODY);
      assertEquals(201, answered.statusCode(), new String(answered.body()));
    } finally {
      assertEquals(137, first.kill(), "killed with SIGKILL (128 + 9)");
    }
    assertTrue(Files.exists(dir.resolve("outdial.db")), "the default store is outdial.db");

    try (ChildServer second = ChildServer.restart(dir, JVM, MAIN, CONFIG, first)) {
      assertTrue(
          second.log().contains("recovered 1 open campaign(s) with 2 recipient(s) waiting"),
          second.log());
      HttpResponse<byte[]> retried = create(second, BODY);

      assertEquals(201, retried.statusCode(), new String(retried.body()));
      assertArrayEquals(answered.body(), retried.body(), "the first answer, byte for byte");
      assertEquals(
          answered.headers().firstValue("Location"), retried.headers().firstValue("Location"));
      assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElseThrow());
      String id = Json.of(new String(answered.body())).get("campaign_id").asText();
      HttpResponse<byte[]> campaign =
          send(second, HttpRequest.newBuilder(second.uri("/v1/calls/batch/" + id)).GET());
      assertEquals(200, campaign.statusCode());

      HttpResponse<byte[]> reused = create(second, BODY.replace("+447111000002", "+447111000003"));
      assertEquals(409, reused.statusCode());
      assertEquals(
          "idempotency_key_reused", Json.of(new String(reused.body())).get("error").asText());
      assertEquals(137, second.kill());
    }
    try (ChildServer third = ChildServer.restart(dir, JVM, MAIN, CONFIG, first)) {
      assertTrue(
          third.log().contains("recovered 1 open campaign(s)"),
          "the retries created no second campaign:\n" + third.log());
    }
  }
}
