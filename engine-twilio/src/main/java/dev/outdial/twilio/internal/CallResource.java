package dev.outdial.twilio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fields of Twilio's Call resource the dialer reads.
 *
 * @param sid {@code CA} + 32 hex digits
 * @param status {@code queued}, {@code ringing}, {@code in-progress}, {@code completed}, ...
 * @param to the called number
 * @param from the caller number
 * @param dateCreated when Twilio created it (RFC 2822 on the wire), or {@code null}
 * @param answeredBy the AMD verdict, or {@code null}
 */
public record CallResource(
    String sid,
    String status,
    String to,
    String from,
    @Nullable Instant dateCreated,
    @Nullable String answeredBy) {

  /** The call in a JSON body, or {@code null} if it has no {@code sid}. */
  public static @Nullable CallResource of(@Nullable JsonNode json) {
    if (json == null || !json.hasNonNull("sid")) {
      return null;
    }
    return new CallResource(
        json.get("sid").asText(),
        text(json, "status"),
        text(json, "to"),
        text(json, "from"),
        date(text(json, "date_created")),
        json.hasNonNull("answered_by") ? json.get("answered_by").asText() : null);
  }

  /**
   * The calls of a list page ({@code {"calls": [...]}}), newest first as Twilio sends them; {@code
   * null} if the body is not a list page (which must not be read as "no call").
   */
  public static @Nullable List<CallResource> listOf(@Nullable JsonNode json) {
    if (json == null || !json.has("calls") || !json.get("calls").isArray()) {
      return null;
    }
    List<CallResource> calls = new ArrayList<>();
    for (JsonNode node : json.get("calls")) {
      CallResource call = of(node);
      if (call != null) {
        calls.add(call);
      }
    }
    return calls;
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static @Nullable Instant date(String rfc2822) {
    if (rfc2822.isEmpty()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(rfc2822, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
