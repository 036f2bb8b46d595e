package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.server.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, fault 13: what the server prints at start is a request that works when pasted (not a
 * bare URL that answers 405), and it states the simulated call length as configured.
 */
class StartUpTextTest {
  private static final Pattern CURL =
      Pattern.compile(
          "curl -X POST (\\S+) \\\\\\n\\s+-H \"Authorization: ([^\"]+)\" \\\\\\n"
              + "\\s+-H \"Content-Type: ([^\"]+)\" \\\\\\n\\s+-d '([^']+)'");

  @TempDir Path dir;

  private String startAndStop(String simulation) throws Exception {
    Path config = dir.resolve("outdial.json");
    Files.writeString(
        config,
        """
        {"listen": {"host": "127.0.0.1", "port": 0},
         "agents": [{"agent_id": "agent_125207e452f8714a", "timezone": "Europe/London",
                     "outbound_numbers": ["+447446466847"]}],
         "api_keys_file": "%s",
         "store": {"file": "%s"},
         "simulated_dialer": %s}
        """
            .formatted(dir.resolve("keys.json"), dir.resolve("outdial.db"), simulation));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutdialServer server =
        OutdialServerMain.start(
            new String[] {"--config", config.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String text = out.toString(StandardCharsets.UTF_8);
      Matcher curl = CURL.matcher(text);
      assertTrue(curl.find(), "no complete curl request in:\n" + text);
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(curl.group(1)))
                      .header("Authorization", curl.group(2))
                      .header("Content-Type", curl.group(3))
                      .POST(HttpRequest.BodyPublishers.ofString(curl.group(4)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(201, answer.statusCode(), text + "\n" + answer.body());
      JsonNode created = Json.of(answer);
      assertEquals(1, created.get("valid_count").asInt());
      return text;
    }
  }

  @Test
  void the_start_up_hint_is_a_complete_request_that_creates_a_campaign() throws Exception {
    startAndStop("{\"seed\": 1}");
  }

  @Test
  void the_start_up_text_states_the_simulated_call_length_as_configured() throws Exception {
    String configured = startAndStop("{\"min_call_seconds\": 2, \"max_call_seconds\": 9}");
    Files.delete(dir.resolve("keys.json"));
    String defaults = startAndStop("{}");

    assertTrue(configured.contains("each call lasts 2-9 s"), configured);
    assertTrue(defaults.contains("each call lasts 5-60 s"), defaults);
  }
}
