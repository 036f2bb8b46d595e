package dev.outdial.engine.internal.compliance;

import dev.outdial.engine.LocalHoursPolicy;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A guarded campaign's recipients grouped by the hours they may be called in: one <em>lane</em> per
 * distinct {@link LocalHours} (lane 0 has none: numbers no rule covers, the campaign's window alone
 * decides), so that dispatch asks each lane, not each waiting recipient, whether it is open. A
 * skipped recipient (no usable zone, under {@link LocalHoursPolicy#SKIP_UNKNOWN}) is in no lane.
 *
 * @param policy the policy it was made under
 * @param lanes each lane's hours; {@code lanes[0]} is null
 * @param laneOf each recipient's lane, or -1 when skipped
 * @param skipped why each skipped recipient is not dialled, by index
 */
public record RecipientHours(
    LocalHoursPolicy policy,
    @Nullable LocalHours[] lanes,
    short[] laneOf,
    Map<Integer, String> skipped) {

  /** The most lanes a campaign may have: distinct zone sets and rules are a few hundred at most. */
  static final int MAX_LANES = Short.MAX_VALUE;

  /**
   * Places every recipient ({@code phones}: E.164 digits) of a campaign running in {@code zone}.
   * Costs a libphonenumber look-up a number (tens of microseconds): run it off the engine's thread.
   */
  public static RecipientHours assign(long[] phones, ZoneId zone, LocalHoursPolicy policy) {
    if (policy == LocalHoursPolicy.OFF) {
      throw new IllegalArgumentException("a campaign without the guard has no recipient hours");
    }
    HoursGuard guard =
        HoursGuard.bundled(
            policy == LocalHoursPolicy.SKIP_UNKNOWN
                ? UnresolvedZonePolicy.SKIP
                : UnresolvedZonePolicy.CAMPAIGN_ZONE);
    Map<LocalHours, Short> laneIndex = new LinkedHashMap<>();
    List<@Nullable LocalHours> lanes = new ArrayList<>();
    lanes.add(null);
    short[] laneOf = new short[phones.length];
    Map<Integer, String> skipped = new HashMap<>();
    for (int i = 0; i < phones.length; i++) {
      GuardDecision decision = guard.decide(phones[i], zone);
      if (decision instanceof GuardDecision.Guarded guarded) {
        Short lane = laneIndex.get(guarded.hours());
        if (lane == null) {
          if (lanes.size() >= MAX_LANES) {
            throw new IllegalStateException("more than " + MAX_LANES + " distinct local hours");
          }
          lane = (short) lanes.size();
          laneIndex.put(guarded.hours(), lane);
          lanes.add(guarded.hours());
        }
        laneOf[i] = lane;
      } else if (decision instanceof GuardDecision.Skipped skip) {
        laneOf[i] = -1;
        skipped.put(i, skip.reason() + ": " + skip.detail());
      }
    }
    return new RecipientHours(
        policy, lanes.toArray(new LocalHours[0]), laneOf, Map.copyOf(skipped));
  }
}
