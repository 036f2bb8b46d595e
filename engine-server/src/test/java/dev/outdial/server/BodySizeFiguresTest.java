package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.server.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, fault 13: docs/server.md's figures of how many recipients fit in the default 8 MiB body
 * are measured, with the variables they name (compact JSON, the seed's agent and prompt).
 */
class BodySizeFiguresTest {
  private static final long LIMIT = 8L << 20;

  /** The size of a body of n recipients: every phone has 13 characters, so it grows linearly. */
  private static long size(long n, Map<String, String> variables) {
    return bytes(1, variables) + (n - 1) * (bytes(2, variables) - bytes(1, variables));
  }

  private static long bytes(int recipients, Map<String, String> variables) {
    ObjectNode body = Json.object();
    body.put("agent_id", "agent_125207e452f8714a");
    body.put(
        "prompt",
        "You are Sarah from Bright Smile Dental. Call to remind the patient about their check-up"
            + " tomorrow and confirm they can attend.");
    ArrayNode list = body.putArray("recipients");
    for (int i = 0; i < recipients; i++) {
      ObjectNode r = list.addObject().put("phone", String.format(Locale.ROOT, "+4471%08d", i));
      if (!variables.isEmpty()) {
        variables.forEach(r.putObject("variables")::put);
      }
    }
    return Json.bytes(body).length;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  @Test
  void the_documented_body_sizes_are_what_such_bodies_measure() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "server.md"));
    long phones = size(100_000, Map.of());
    long oneVariable = size(100_000, Map.of("patient_name", "John"));
    Map<String, String> two =
        new java.util.LinkedHashMap<>(
            Map.of("patient_name", "Alexandra Smith", "appointment", "2026-06-15 09:30"));
    long twoVariables = size(100_000, two);
    long perRecipient = bytes(2, two) - bytes(1, two); // phones are all 13 characters
    long fit = ((LIMIT - bytes(1, two)) / perRecipient + 1) / 1_000 * 1_000;

    assertTrue(phones <= LIMIT && oneVariable <= LIMIT && twoVariables > LIMIT);
    for (String figure :
        new String[] {
          megabytes(phones),
          megabytes(oneVariable),
          megabytes(twoVariables),
          String.format(Locale.ROOT, "%,d", fit)
        }) {
      assertTrue(docs.contains(figure), "docs/server.md should say " + figure);
    }
  }
}
