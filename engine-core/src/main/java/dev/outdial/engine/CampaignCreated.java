package dev.outdial.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a successful create: the seed's response fields plus what SPEC §7 adds.
 *
 * @param campaignId {@code batchcall_} + 16 lowercase hex digits
 * @param status {@code scheduled} for {@code schedule_type: schedule}, else {@code running}
 * @param validCount recipients that will be called (after dropping invalid and duplicate phones)
 * @param invalidCount entries skipped because {@code skip_invalid} was true
 * @param invalid those entries, in request order
 * @param timezone the zone the calling window runs in, fixed at creation
 * @param timezoneSource where that zone came from
 * @param firesAt for scheduled campaigns: the instant it will start running; else {@code null}
 * @param duplicateCount later copies of a phone already in the campaign, dropped
 * @param duplicateIndexes their indexes in the request, ascending
 */
public record CampaignCreated(
    String campaignId,
    CampaignStatus status,
    int validCount,
    int invalidCount,
    List<InvalidRecipient> invalid,
    ZoneId timezone,
    TimezoneSource timezoneSource,
    @Nullable Instant firesAt,
    int duplicateCount,
    List<Integer> duplicateIndexes) {

  public CampaignCreated {
    invalid = List.copyOf(invalid);
    duplicateIndexes = List.copyOf(duplicateIndexes);
  }
}
