package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.server.support.ServerProcess;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, fault 11: the standalone server, run as an operator runs it (its own JVM, its own
 * logging setup), writes every log line as {@code 2026-06-10T12:00:00.123Z LEVEL [thread] logger -
 * message} in UTC, the JDK's {@code java.util.logging} included, and a refused create under an
 * {@code Idempotency-Key} logs no exception.
 */
class ServerLogLinesTest {
  private static final Pattern LINE =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR)"
              + " \\[[^\\]]+\\] [\\w.$]+ - .*");
  private static final String CREATE =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\": \"now\","
          + " \"recipients\": [{\"phone\": \"+447111000001\"}]}";
  private static final String REFUSED =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\","
          + " \"recipients\": [{\"phone\": \"07111000001\"}]}";

  private static HttpRequest.Builder create(ServerProcess server, String body) {
    return server
        .request("/v1/calls/batch")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static void assertEveryLineFormatted(List<String> lines) {
    assertFalse(lines.isEmpty(), "the server logged nothing");
    for (String line : lines) {
      assertTrue(LINE.matcher(line).matches(), () -> "not a log line: " + line + "\nin " + lines);
    }
  }

  @Test
  void every_line_carries_a_utc_timestamp_level_thread_and_logger_jdk_logging_included(
      @TempDir Path dir) {
    List<String> lines;
    try (ServerProcess server = ServerProcess.start(dir, "-Doutdial.log.level=DEBUG")) {
      assertEquals(201, server.send(create(server, CREATE)).statusCode());
      server.close();
      lines = server.errLines();
    }

    assertEveryLineFormatted(lines);
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains("] dev.outdial.server.internal.SimulatedDialer - ")),
        () -> "no line of the server's own: " + lines);
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("] com.sun.net.httpserver - ")),
        () -> "no line of the JDK server's java.util.logging: " + lines);
  }

  @Test
  void a_refused_create_with_an_idempotency_key_logs_no_exception(@TempDir Path dir) {
    List<String> lines;
    try (ServerProcess server = ServerProcess.start(dir)) {
      for (int attempt = 0; attempt < 2; attempt++) {
        var answer = server.send(create(server, REFUSED).header("Idempotency-Key", "order-42"));
        assertEquals(400, answer.statusCode(), answer.body());
      }
      server.close();
      lines = server.errLines();
    }

    assertEveryLineFormatted(lines);
    assertTrue(
        lines.stream().anyMatch(l -> l.endsWith("OutdialServer - no campaign is open")),
        () -> "no stop logged: " + lines);
    for (String line : lines) {
      assertFalse(line.contains("Exception") || line.contains("ApiError"), line);
    }
  }
}
