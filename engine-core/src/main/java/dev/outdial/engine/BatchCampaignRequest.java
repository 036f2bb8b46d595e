package dev.outdial.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The seed's "Create batch campaign" request body, field for field, as an immutable value.
 *
 * <p>Fields hold what the caller sent, not what the engine will make of it: strings stay strings
 * and absent fields stay {@code null}, so that {@link OutdialEngine#create} can answer every
 * mistake with the seed's error codes (SPEC §1) instead of a parse failure in the caller's code.
 * The JSON names are given beside each component.
 *
 * @param agentId {@code agent_id}: the agent used for every call (required)
 * @param prompt {@code prompt}: the call purpose (required, not blank)
 * @param name {@code name}: display name, optional
 * @param fromNumber {@code from_number}: caller id; optional only when the agent has exactly one
 *     outbound-enabled number
 * @param recipients {@code recipients}: required, not empty
 * @param skipInvalid {@code skip_invalid}: dial valid phones only instead of rejecting the request
 * @param scheduleType {@code schedule_type}: {@code "now"} (default when {@code null}) or {@code
 *     "schedule"}
 * @param scheduledDate {@code scheduled_date}: {@code YYYY-MM-DD}, required with {@code schedule}
 * @param windowStartMinutes {@code window_start_minutes}: 0..1439, minutes since local midnight
 * @param windowEndMinutes {@code window_end_minutes}: 1..1440; smaller than the start means the
 *     window runs overnight
 * @param windowDays {@code window_days}: allowed weekdays ({@code mon}..{@code sun})
 * @param timezone {@code timezone}: IANA zone id the window runs in
 * @param recipientLocalHours {@code recipient_local_hours}: not in the seed; the {@link
 *     LocalHoursPolicy} spelled on the wire, or {@code null} for the key's default
 * @param expiresAt {@code expires_at}: not in the seed; the latest end of the campaign, an ISO-8601
 *     instant with an offset ({@code 2026-06-20T18:00:00Z}), or {@code null} for none: recipients
 *     not dialled by then end {@code expired}
 * @param retry {@code retry}: not in the seed; second chances for calls that ended without an
 *     answer, as sent, or {@code null} for none (one call a recipient)
 */
public record BatchCampaignRequest(
    @Nullable String agentId,
    @Nullable String prompt,
    @Nullable String name,
    @Nullable String fromNumber,
    @Nullable List<Recipient> recipients,
    boolean skipInvalid,
    @Nullable String scheduleType,
    @Nullable String scheduledDate,
    @Nullable Integer windowStartMinutes,
    @Nullable Integer windowEndMinutes,
    @Nullable List<String> windowDays,
    @Nullable String timezone,
    @Nullable String recipientLocalHours,
    @Nullable String expiresAt,
    @Nullable Retry retry) {

  /**
   * The {@code retry} object as sent (checked into a {@link RetryPolicy} by the engine).
   *
   * @param on {@code on}: ended reasons that call again, e.g. {@code ["no_answer", "busy"]}
   * @param maxAttempts {@code max_attempts}: calls a recipient may get in all, the first included
   * @param minDelayMinutes {@code min_delay_minutes}: least minutes from a call's end to the next
   */
  public record Retry(
      @Nullable List<@Nullable String> on,
      @Nullable Integer maxAttempts,
      @Nullable Integer minDelayMinutes) {
    public Retry {
      on = copyKeepingNulls(on);
    }
  }

  /** The seed's fields only: none of the compliance options. */
  public BatchCampaignRequest(
      @Nullable String agentId,
      @Nullable String prompt,
      @Nullable String name,
      @Nullable String fromNumber,
      @Nullable List<Recipient> recipients,
      boolean skipInvalid,
      @Nullable String scheduleType,
      @Nullable String scheduledDate,
      @Nullable Integer windowStartMinutes,
      @Nullable Integer windowEndMinutes,
      @Nullable List<String> windowDays,
      @Nullable String timezone) {
    this(
        agentId,
        prompt,
        name,
        fromNumber,
        recipients,
        skipInvalid,
        scheduleType,
        scheduledDate,
        windowStartMinutes,
        windowEndMinutes,
        windowDays,
        timezone,
        null,
        null,
        null);
  }

  public BatchCampaignRequest {
    recipients = copyKeepingNulls(recipients);
    windowDays = copyKeepingNulls(windowDays);
  }

  /** Lists may hold JSON nulls: they are the engine's to reject with a precise error. */
  private static <T> @Nullable List<@Nullable T> copyKeepingNulls(@Nullable List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /** A builder with every field absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BatchCampaignRequest}; setters take the seed's raw values. */
  public static final class Builder {
    private @Nullable String agentId;
    private @Nullable String prompt;
    private @Nullable String name;
    private @Nullable String fromNumber;
    private @Nullable List<Recipient> recipients;
    private boolean skipInvalid;
    private @Nullable String scheduleType;
    private @Nullable String scheduledDate;
    private @Nullable Integer windowStartMinutes;
    private @Nullable Integer windowEndMinutes;
    private @Nullable List<String> windowDays;
    private @Nullable String timezone;
    private @Nullable String recipientLocalHours;
    private @Nullable String expiresAt;
    private @Nullable Retry retry;

    private Builder() {}

    public Builder agentId(@Nullable String agentId) {
      this.agentId = agentId;
      return this;
    }

    public Builder prompt(@Nullable String prompt) {
      this.prompt = prompt;
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder fromNumber(@Nullable String fromNumber) {
      this.fromNumber = fromNumber;
      return this;
    }

    public Builder recipients(@Nullable List<Recipient> recipients) {
      this.recipients = recipients;
      return this;
    }

    /** Appends one recipient to the list. */
    public Builder recipient(Recipient recipient) {
      if (recipients == null) {
        recipients = new ArrayList<>();
      } else if (!(recipients instanceof ArrayList)) {
        recipients = new ArrayList<>(recipients);
      }
      recipients.add(recipient);
      return this;
    }

    public Builder skipInvalid(boolean skipInvalid) {
      this.skipInvalid = skipInvalid;
      return this;
    }

    public Builder scheduleType(@Nullable String scheduleType) {
      this.scheduleType = scheduleType;
      return this;
    }

    /** Sets {@code schedule_type: schedule} and the date it becomes due. */
    public Builder scheduledFor(LocalDate date) {
      this.scheduleType = "schedule";
      this.scheduledDate = date.toString();
      return this;
    }

    public Builder scheduledDate(@Nullable String scheduledDate) {
      this.scheduledDate = scheduledDate;
      return this;
    }

    /** Sets both window minutes at once. */
    public Builder window(int startMinutes, int endMinutes) {
      this.windowStartMinutes = startMinutes;
      this.windowEndMinutes = endMinutes;
      return this;
    }

    public Builder windowStartMinutes(@Nullable Integer windowStartMinutes) {
      this.windowStartMinutes = windowStartMinutes;
      return this;
    }

    public Builder windowEndMinutes(@Nullable Integer windowEndMinutes) {
      this.windowEndMinutes = windowEndMinutes;
      return this;
    }

    public Builder windowDays(@Nullable List<String> windowDays) {
      this.windowDays = windowDays;
      return this;
    }

    public Builder timezone(@Nullable String timezone) {
      this.timezone = timezone;
      return this;
    }

    /** {@code recipient_local_hours}: a {@link LocalHoursPolicy}'s wire spelling. */
    public Builder recipientLocalHours(@Nullable String recipientLocalHours) {
      this.recipientLocalHours = recipientLocalHours;
      return this;
    }

    /** {@code expires_at}: an ISO-8601 instant with an offset, as sent. */
    public Builder expiresAt(@Nullable String expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** {@code expires_at} at {@code instant}. */
    public Builder expiresAt(Instant instant) {
      this.expiresAt = instant.toString();
      return this;
    }

    /** {@code retry}, as sent. */
    public Builder retry(@Nullable Retry retry) {
      this.retry = retry;
      return this;
    }

    /** {@code retry}: call again after {@code on} reasons, at most {@code maxAttempts} calls. */
    public Builder retry(List<String> on, int maxAttempts, int minDelayMinutes) {
      this.retry = new Retry(List.copyOf(on), maxAttempts, minDelayMinutes);
      return this;
    }

    public BatchCampaignRequest build() {
      return new BatchCampaignRequest(
          agentId,
          prompt,
          name,
          fromNumber,
          recipients,
          skipInvalid,
          scheduleType,
          scheduledDate,
          windowStartMinutes,
          windowEndMinutes,
          windowDays,
          timezone,
          recipientLocalHours,
          expiresAt,
          retry);
    }
  }
}
