package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.engine.CallPage;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.RetryPolicy;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The engine's answers as the API's JSON, with the seed's field names. */
final class Answers {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Answers() {}

  static ObjectNode created(CampaignCreated c) {
    ObjectNode json = Json.object();
    json.put("campaign_id", c.campaignId());
    json.put("status", c.status().wire());
    json.put("valid_count", c.validCount());
    json.put("invalid_count", c.invalidCount());
    ArrayNode invalid = json.putArray("invalid");
    for (InvalidRecipient r : c.invalid()) {
      String phone = r.phone() == null ? null : Quoted.cut(r.phone());
      invalid.addObject().put("index", r.index()).put("phone", phone).put("reason", r.reason());
    }
    json.put("timezone", c.timezone().getId());
    json.put("timezone_source", c.timezoneSource().wire());
    json.put("fires_at", instant(c.firesAt()));
    json.put("duplicate_count", c.duplicateCount());
    ArrayNode duplicates = json.putArray("duplicate_indexes");
    c.duplicateIndexes().forEach(duplicates::add);
    return json;
  }

  static ObjectNode campaign(CampaignView c) {
    ObjectNode json = Json.object();
    json.put("campaign_id", c.campaignId());
    json.put("name", c.name());
    json.put("status", c.status().wire());
    json.put("agent_id", c.agentId());
    json.put("from_number", c.fromNumber());
    json.put("timezone", c.timezone().getId());
    json.put("timezone_source", c.timezoneSource().wire());
    window(json, c.window());
    json.put("created_at", instant(c.createdAt()));
    json.put("fires_at", instant(c.firesAt()));
    json.put("next_window_opening", instant(c.nextWindowOpening()));
    json.put("total_calls", c.totalCalls());
    ObjectNode byStatus = json.putObject("calls_by_status");
    for (var e : c.callsByStatus().entrySet()) {
      byStatus.put(wire(e.getKey()), e.getValue());
    }
    ObjectNode byReason = json.putObject("calls_by_ended_reason");
    for (var e : c.callsByEndedReason().entrySet()) {
      if (e.getValue() == 0 && e.getKey().compareTo(EndedReason.SUPPRESSED) >= 0) {
        continue; // the compliance reasons show where they happened: seed answers are unchanged
      }
      byReason.put(e.getKey().wire(), e.getValue());
    }
    if (c.recipientLocalHours() != LocalHoursPolicy.OFF) { // not in the seed: shown when on
      json.put("recipient_local_hours", c.recipientLocalHours().wire());
    }
    if (c.expiresAt() != null) { // not in the seed: shown only when the request set it
      json.put("expires_at", instant(c.expiresAt()));
    }
    RetryPolicy retry = c.retry();
    if (retry != null) { // not in the seed: shown only when the request set it
      ObjectNode r = json.putObject("retry");
      ArrayNode on = r.putArray("on");
      retry.on().forEach(reason -> on.add(reason.wire())); // the enum's order
      r.put("max_attempts", retry.maxAttempts());
      r.put("min_delay_minutes", retry.minDelay().toMinutes());
      json.put("total_attempts", c.attempts());
    }
    if (c.dialingSuspended() != null) {
      ObjectNode suspended = json.putObject("dialing_suspended");
      suspended.put("since", instant(c.dialingSuspended().since()));
      suspended.put("reason", c.dialingSuspended().reason());
    }
    return json;
  }

  /**
   * A page of calls; with {@code attempts} (a retrying campaign's) each call says which attempt to
   * its recipient it is, else the seed's fields only.
   */
  static ObjectNode calls(String campaignId, CallPage page, int limit, boolean attempts) {
    ObjectNode json = Json.object();
    json.put("campaign_id", campaignId);
    json.put("offset", page.offset());
    json.put("limit", limit);
    json.put("total", page.total());
    int next = page.offset() + page.calls().size();
    if (next < page.total()) {
      json.put("next_offset", next);
    } else {
      json.putNull("next_offset");
    }
    ArrayNode calls = json.putArray("calls");
    for (CallView call : page.calls()) {
      ObjectNode c = calls.addObject();
      c.put("call_id", call.callId());
      c.put("phone", call.phone());
      c.put("status", wire(call.status()));
      EndedReason reason = call.endedReason();
      c.put("ended_reason", reason == null ? null : reason.wire());
      c.put("started_at", instant(call.startedAt()));
      c.put("ended_at", instant(call.endedAt()));
      c.put("detail", call.detail());
      if (attempts) {
        c.put("attempt", call.attempt());
      }
    }
    return json;
  }

  private static void window(ObjectNode json, @Nullable CallingWindow window) {
    if (window == null) {
      json.putNull("window");
      return;
    }
    ObjectNode w = json.putObject("window");
    w.put("start_minutes", window.startMinute());
    w.put("end_minutes", window.endMinute());
    w.put("overnight", window.overnight());
    ArrayNode days = w.putArray("days");
    for (DayOfWeek day : window.days()) {
      days.add(day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT));
    }
  }

  private static String wire(CallStatus status) {
    return status.wire();
  }

  /**
   * Every time the API answers: ISO-8601 in UTC with milliseconds, {@code
   * 2026-06-15T08:00:00.000Z}.
   */
  private static @Nullable String instant(@Nullable Instant instant) {
    return instant == null ? null : TIME.format(instant);
  }
}
