package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.server.support.ChildServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code OutOfMemoryError} that still happens (here: capacity limits configured far above what a
 * 64 MiB heap holds) does not leave a zombie that keeps the port and answers nothing: the server
 * logs it and exits with status 70, for a supervisor to restart it.
 */
class OutOfMemoryExitTest {
  @TempDir Path dir;

  @Test
  void an_out_of_memory_error_is_logged_and_the_server_exits_non_zero() throws Exception {
    try (ChildServer child =
        ChildServer.start(
            dir,
            List.of("-Xmx64m"),
            OutdialServerMain.class.getName(),
            """
            {"listen": {"port": 0},
             "agents": [{"agent_id": "agent_125207e452f8714a", "timezone": "Europe/London",
                         "outbound_numbers": ["+447446466847"]}],
             "api_keys": [{"key_id": "KEY_ID", "secret_sha256": "KEY_SHA256"}],
             "capacity": {"max_body_bytes_in_flight": 1000000000, "max_recipients": 100000000}}
            """)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < 3; i++) {
        client.sendAsync(
            HttpRequest.newBuilder(child.uri("/v1/calls/batch"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + child.key.token())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        SmallHeapLargeCreatesTest.body(100_000, i)))
                .build(),
            HttpResponse.BodyHandlers.discarding());
      }

      boolean exited = child.process().waitFor(120, TimeUnit.SECONDS);

      assertTrue(exited, () -> "still running after an OutOfMemoryError:\n" + child.log());
      assertEquals(70, child.process().exitValue(), child::log);
      assertTrue(child.log().contains("fatal java.lang.OutOfMemoryError"), child::log);
    }
  }
}
