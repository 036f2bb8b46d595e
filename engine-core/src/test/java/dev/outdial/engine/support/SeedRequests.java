package dev.outdial.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.Agent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seed's example request, read from its exact JSON and mapped field by field. */
public final class SeedRequests {
  public static final String AGENT_ID = "agent_125207e452f8714a";
  public static final String FROM_NUMBER = "+447446466847";
  public static final Agent SEED_AGENT = new Agent(AGENT_ID, null, List.of(FROM_NUMBER));

  private SeedRequests() {}

  /** The seed's example body as JSON. */
  public static JsonNode json() {
    try (InputStream in = SeedRequests.class.getResourceAsStream("/seed-request.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed's example body as a typed request. */
  public static BatchCampaignRequest request() {
    return map(json());
  }

  /** Maps a request body field by field, JSON name to component. */
  public static BatchCampaignRequest map(JsonNode body) {
    List<Recipient> recipients = null;
    if (body.has("recipients")) {
      recipients = new ArrayList<>();
      for (JsonNode recipient : body.get("recipients")) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (recipient.has("variables")) {
          recipient
              .get("variables")
              .properties()
              .forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        }
        recipients.add(
            new Recipient(text(recipient, "phone"), variables, text(recipient, "prompt_override")));
      }
    }
    List<String> days = null;
    if (body.has("window_days")) {
      days = new ArrayList<>();
      for (JsonNode day : body.get("window_days")) {
        days.add(day.asText());
      }
    }
    return new BatchCampaignRequest(
        text(body, "agent_id"),
        text(body, "prompt"),
        text(body, "name"),
        text(body, "from_number"),
        recipients,
        body.path("skip_invalid").asBoolean(false),
        text(body, "schedule_type"),
        text(body, "scheduled_date"),
        body.has("window_start_minutes") ? body.get("window_start_minutes").asInt() : null,
        body.has("window_end_minutes") ? body.get("window_end_minutes").asInt() : null,
        days,
        text(body, "timezone"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
