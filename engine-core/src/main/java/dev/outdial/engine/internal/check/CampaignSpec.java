package dev.outdial.engine.internal.check;

import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.TimezoneSource;
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
    List<Integer> duplicateIndexes) {

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
        duplicateIndexes);
  }
}
