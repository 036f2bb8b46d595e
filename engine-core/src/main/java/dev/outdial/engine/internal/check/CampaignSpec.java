package dev.outdial.engine.internal.check;

import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.RetryPolicy;
import dev.outdial.engine.TimezoneSource;
import dev.outdial.engine.internal.compliance.RecipientHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A create request that passed every check of SPEC §1, normalised: what the engine stores.
 *
 * @param agentId the agent
 * @param prompt the campaign prompt
 * @param name display name or {@code null}
 * @param fromNumber the caller number, E.164 (resolved from the agent when absent)
 * @param zone the resolved zone
 * @param zoneSource where it came from
 * @param window the calling window, or {@code null} when the request set none
 * @param scheduledDate the due date for {@code schedule}, or {@code null} for {@code now}
 * @param phones the valid recipients' E.164 digits (without the {@code +}) in request order,
 *     duplicates removed
 * @param extras per valid recipient (same indexes as {@code phones}) their variables and override,
 *     or {@code null} when no recipient has any; entries may be {@code null}
 * @param invalid skipped entries (only with {@code skip_invalid})
 * @param duplicateIndexes request indexes of dropped duplicate phones, ascending
 * @param options the options beyond the seed, or {@code null} when it uses none (kept apart so that
 *     a seed campaign, the common one, holds a field for them, not four)
 */
public record CampaignSpec(
    String agentId,
    String prompt,
    @Nullable String name,
    String fromNumber,
    ZoneId zone,
    TimezoneSource zoneSource,
    @Nullable CallingWindow window,
    @Nullable LocalDate scheduledDate,
    long[] phones,
    @Nullable RecipientExtras @Nullable [] extras,
    List<InvalidRecipient> invalid,
    List<Integer> duplicateIndexes,
    @Nullable Options options) {

  /**
   * The options beyond the seed.
   *
   * @param localHours the request's recipient-local hours policy, or {@code null} for the key's
   *     default (the engine sets it when it creates the campaign)
   * @param hours its recipients placed in their local hours, when the policy is not off
   * @param expiresAt its latest end ({@code expires_at}), or {@code null} for none
   * @param retry its second chances ({@code retry}), or {@code null} for one call a recipient
   */
  public record Options(
      @Nullable LocalHoursPolicy localHours,
      @Nullable RecipientHours hours,
      @Nullable Instant expiresAt,
      @Nullable RetryPolicy retry) {

    /** These options, or {@code null} when none is set. */
    static @Nullable Options orNone(
        @Nullable LocalHoursPolicy localHours,
        @Nullable RecipientHours hours,
        @Nullable Instant expiresAt,
        @Nullable RetryPolicy retry) {
      return localHours == null && hours == null && expiresAt == null && retry == null
          ? null
          : new Options(localHours, hours, expiresAt, retry);
    }
  }

  /** A campaign with every option given one by one. */
  public CampaignSpec(
      String agentId,
      String prompt,
      @Nullable String name,
      String fromNumber,
      ZoneId zone,
      TimezoneSource zoneSource,
      @Nullable CallingWindow window,
      @Nullable LocalDate scheduledDate,
      long[] phones,
      @Nullable RecipientExtras @Nullable [] extras,
      List<InvalidRecipient> invalid,
      List<Integer> duplicateIndexes,
      @Nullable LocalHoursPolicy localHours,
      @Nullable RecipientHours hours,
      @Nullable Instant expiresAt,
      @Nullable RetryPolicy retry) {
    this(
        agentId,
        prompt,
        name,
        fromNumber,
        zone,
        zoneSource,
        window,
        scheduledDate,
        phones,
        extras,
        invalid,
        duplicateIndexes,
        Options.orNone(localHours, hours, expiresAt, retry));
  }

  /** A campaign without any option beyond the seed (its key's defaults apply). */
  public CampaignSpec(
      String agentId,
      String prompt,
      @Nullable String name,
      String fromNumber,
      ZoneId zone,
      TimezoneSource zoneSource,
      @Nullable CallingWindow window,
      @Nullable LocalDate scheduledDate,
      long[] phones,
      @Nullable RecipientExtras @Nullable [] extras,
      List<InvalidRecipient> invalid,
      List<Integer> duplicateIndexes) {
    this(
        agentId,
        prompt,
        name,
        fromNumber,
        zone,
        zoneSource,
        window,
        scheduledDate,
        phones,
        extras,
        invalid,
        duplicateIndexes,
        (Options) null);
  }

  /** The request's recipient-local hours policy, or {@code null} for the key's default. */
  public @Nullable LocalHoursPolicy localHours() {
    return options == null ? null : options.localHours();
  }

  /** Its recipients placed in their local hours, when the policy is not off. */
  public @Nullable RecipientHours hours() {
    return options == null ? null : options.hours();
  }

  /** Its latest end ({@code expires_at}), or {@code null} for none. */
  public @Nullable Instant expiresAt() {
    return options == null ? null : options.expiresAt();
  }

  /** Its second chances ({@code retry}), or {@code null} for one call a recipient. */
  public @Nullable RetryPolicy retry() {
    return options == null ? null : options.retry();
  }

  /** The same campaign with {@code window} (an equal one) in place of its own. */
  public CampaignSpec withWindow(CallingWindow window) {
    return new CampaignSpec(
        agentId,
        prompt,
        name,
        fromNumber,
        zone,
        zoneSource,
        window,
        scheduledDate,
        phones,
        extras,
        invalid,
        duplicateIndexes,
        options);
  }

  /**
   * The same campaign under {@code policy}, resolved (its own or its key's default), with its
   * recipients placed in their local hours ({@code hours}, null when the policy is off). Off is
   * kept as no policy, which reads as off once resolved: a seed campaign holds no options.
   */
  public CampaignSpec withLocalHours(LocalHoursPolicy policy, @Nullable RecipientHours hours) {
    return withOptions(
        Options.orNone(
            policy == LocalHoursPolicy.OFF ? null : policy, hours, expiresAt(), retry()));
  }

  private CampaignSpec withOptions(@Nullable Options options) {
    return new CampaignSpec(
        agentId,
        prompt,
        name,
        fromNumber,
        zone,
        zoneSource,
        window,
        scheduledDate,
        phones,
        extras,
        invalid,
        duplicateIndexes,
        options);
  }

  /** How many call ids it reserves: one for each attempt each recipient may get. */
  public long callSpan() {
    return (long) phones.length * (retry() == null ? 1 : retry().maxAttempts());
  }
}
