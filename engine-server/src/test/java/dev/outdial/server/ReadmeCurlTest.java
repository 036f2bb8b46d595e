package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue acceptance 6, the part a test can hold: the README's {@code curl} example, as written,
 * works against a started server (its URL, headers and body), on today's clock.
 */
class ReadmeCurlTest {
  private static final Pattern CURL =
      Pattern.compile("```sh\\n(curl -X POST (\\S+) .*?)\\n```", Pattern.DOTALL);
  private static final Pattern HEADER = Pattern.compile("-H \"([^:]+): ([^\"]+)\"");
  private static final Pattern BODY = Pattern.compile("-d '(.*)'", Pattern.DOTALL);
  private static final Pattern ANSWER_FIELDS =
      Pattern.compile("The answer is `201` with (.*?)\\.\\s", Pattern.DOTALL);

  @Test
  void the_readme_curl_example_creates_the_seed_campaign() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher curl = CURL.matcher(readme);
    assertTrue(curl.find(), "README has a curl -X POST example");
    String command = curl.group(1);
    assertEquals("http://127.0.0.1:8080/v1/calls/batch", curl.group(2));
    Matcher body = BODY.matcher(command);
    assertTrue(body.find());
    List<String[]> headers = new ArrayList<>();
    Matcher h = HEADER.matcher(command);
    while (h.find()) {
      headers.add(new String[] {h.group(1), h.group(2)});
    }

    try (TestServer t = TestServer.start(Clock.systemUTC())) {
      HttpRequest.Builder request =
          t.request("/v1/calls/batch").POST(HttpRequest.BodyPublishers.ofString(body.group(1)));
      for (String[] header : headers) {
        String value = header[1].replace("KEY_ID:KEY_SECRET", t.keyA.token());
        request.header(header[0], value);
      }
      HttpResponse<String> answer = t.send(request.build());

      assertEquals(201, answer.statusCode(), answer.body());
      JsonNode created = Json.of(answer);
      assertEquals(3, created.get("valid_count").asInt());
      assertEquals(Json.of(new String(TestServer.seedBody())), Json.of(body.group(1)));
      assertTrue(created.hasNonNull("fires_at"), "a scheduled request answers fires_at");
      Matcher said = ANSWER_FIELDS.matcher(readme);
      assertTrue(said.find(), "README says what the answer carries");
      List<String> named = new ArrayList<>();
      Matcher name = Pattern.compile("`([a-z_]+)(?::[^`]*)?`").matcher(said.group(1));
      while (name.find()) {
        named.add(name.group(1));
      }
      List<String> answered = new ArrayList<>();
      created.fieldNames().forEachRemaining(answered::add);
      assertEquals(answered.stream().sorted().toList(), named.stream().sorted().toList());
    }
  }

  @Test
  void the_readme_states_the_simulated_call_length_as_the_sample_configures_it() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    ServerConfig.Simulation simulation = ServerConfig.sample().simulatedDialer();

    String length = simulation.minCallSeconds() + " to " + simulation.maxCallSeconds() + " seconds";
    assertTrue(readme.contains(length), "README says " + length);
  }
}
