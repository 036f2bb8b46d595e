package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.server.support.ServerProcess;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM, as an operator sends it: the server stops taking requests, closes the engine after the
 * HTTP server (the store commits and closes), exits 0; the next start on the same store brings back
 * the campaign still open.
 */
class SigtermTest {
  private static final String NOW =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\": \"now\","
          + " \"recipients\": [{\"phone\": \"+447111000001\"}, {\"phone\": \"+447111000002\"}]}";

  private static final String LONG_CALLS = "{\"min_call_seconds\": 600, \"max_call_seconds\": 600}";

  @Test
  void sigterm_commits_closes_the_store_exits_0_and_the_next_start_brings_the_campaign_back(
      @TempDir Path dir) {
    List<String> first;
    try (ServerProcess server = ServerProcess.withDialer(dir, LONG_CALLS)) {
      var answer =
          server.send(
              server
                  .request("/v1/calls/batch")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(NOW)));
      assertEquals(201, answer.statusCode(), answer.body());
      server.close();
      assertEquals(0, server.exitValue(), "a graceful stop exits 0");
      first = server.errLines();
    }
    assertInOrder(
        first,
        "stopping: refusing new requests, finishing those in flight",
        "1 campaign(s) still open are kept in the store and resume at the next start",
        "store committed and closed");

    List<String> second;
    try (ServerProcess server = ServerProcess.start(dir)) {
      server.close();
      second = server.errLines();
    }
    assertTrue(
        second.stream().anyMatch(l -> l.contains("store: SQLite")),
        () -> "the store is logged: " + second);
    assertTrue(
        second.stream().anyMatch(l -> l.contains("recovered 1 open campaign(s)")),
        () -> "the open campaign is back: " + second);
  }

  private static void assertInOrder(List<String> lines, String... fragments) {
    int at = 0;
    for (String fragment : fragments) {
      while (at < lines.size() && !lines.get(at).contains(fragment)) {
        at++;
      }
      assertTrue(at < lines.size(), () -> "no '" + fragment + "' in order in " + lines);
    }
  }
}
