package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** With no key configured, the first start creates one, keeps its hash only, prints it once. */
class FirstStartKeyTest {
  private static final Pattern TOKEN = Pattern.compile("Bearer (key_[0-9a-f]{16}):(\\S+)");

  @TempDir Path dir;

  private Path config() throws Exception {
    Path keys = dir.resolve("keys.json");
    Path config = dir.resolve("outdial.json");
    Files.writeString(
        config,
        """
        {"listen": {"port": 0},
         "agents": [{"agent_id": "agent_125207e452f8714a", "outbound_numbers": ["+447446466847"]}],
         "api_keys_file": "%s",
         "store": {"file": "%s"}}
        """
            .formatted(
                keys.toString().replace("\\", "\\\\"),
                dir.resolve("outdial.db").toString().replace("\\", "\\\\")));
    return config;
  }

  private static int status(OutdialServer server, String token) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(server.baseUri() + "/v1/calls/batch/batchcall_0000000000000000"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return answer.statusCode();
  }

  @Test
  void first_start_prints_a_new_key_once_and_stores_only_its_hash() throws Exception {
    Path config = config();
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    String keyId;
    String secret;
    try (OutdialServer server =
        OutdialServerMain.start(
            new String[] {"--config", config.toString()},
            new PrintStream(first, true, StandardCharsets.UTF_8))) {
      Matcher m = TOKEN.matcher(first.toString(StandardCharsets.UTF_8));
      assertTrue(m.find(), first.toString(StandardCharsets.UTF_8));
      keyId = m.group(1);
      secret = m.group(2);
      assertEquals(404, status(server, keyId + ":" + secret), "the printed key works");
      assertEquals(401, status(server, keyId + ":wrong"));
    }
    String stored = Files.readString(dir.resolve("keys.json"));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("keys.json"))));
    assertTrue(stored.contains(keyId));
    assertTrue(stored.contains(ApiKeys.sha256Hex(secret)));
    assertFalse(stored.contains(secret), "the secret itself is never stored");

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try (OutdialServer server =
        OutdialServerMain.start(
            new String[] {"--config", config.toString()},
            new PrintStream(second, true, StandardCharsets.UTF_8))) {
      assertFalse(TOKEN.matcher(second.toString(StandardCharsets.UTF_8)).find());
      assertEquals(404, status(server, keyId + ":" + secret), "the same key after a restart");
    }
  }

  @Test
  void a_config_with_an_unknown_setting_is_refused_naming_it() throws Exception {
    Path config = dir.resolve("bad.json");
    Files.writeString(config, "{\"listen\": {\"prot\": 8080}}");

    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                OutdialServerMain.start(
                    new String[] {"--config", config.toString()},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("prot"), e.getMessage());
  }
}
