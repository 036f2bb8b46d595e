package dev.outdial.engine.internal.compliance;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recipient-local hours guard: for a recipient's number, the {@link LocalHours} in which a call
 * may start (on top of the campaign's window), or that no rule applies, or that the recipient is
 * skipped. Thread-safe.
 *
 * <ol>
 *   <li>The number's jurisdiction picks the rule ({@link HoursRules#forJurisdiction}): none, and
 *       the number is {@link GuardDecision.Unguarded} whatever its zones.
 *   <li>Zones of the number's area: {@link GuardDecision.Guarded} by the rule in every one of them.
 *   <li>Unknown or country-wide zones: the {@link UnresolvedZonePolicy} decides, skip or the
 *       campaign's zone.
 * </ol>
 */
public final class HoursGuard {

  private final HoursRules rules;
  private final UnresolvedZonePolicy policy;
  private final LocateNumber locate;

  public HoursGuard(HoursRules rules, UnresolvedZonePolicy policy, LocateNumber locate) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.locate = Objects.requireNonNull(locate, "locate");
  }

  /** The guard over the bundled rule table. */
  public static HoursGuard bundled(UnresolvedZonePolicy policy) {
    return new HoursGuard(HoursRules.bundled(), policy, new LocateNumber());
  }

  /** The policy for unknown and country-wide zones. */
  public UnresolvedZonePolicy policy() {
    return policy;
  }

  /**
   * What applies to {@code phone} (E.164 digits without {@code +}) in a campaign running in {@code
   * campaignZone}.
   */
  public GuardDecision decide(long phone, ZoneId campaignZone) {
    NumberLocation location = locate.locate(phone);
    Optional<HoursRule> rule = rules.forJurisdiction(location.jurisdiction());
    if (rule.isEmpty()) {
      return new GuardDecision.Unguarded(location);
    }
    if (location.certainty() == NumberLocation.Certainty.AREA) {
      return new GuardDecision.Guarded(location, LocalHours.of(location.zones(), rule.get()));
    }
    return switch (policy) {
      case CAMPAIGN_ZONE ->
          new GuardDecision.Guarded(location, LocalHours.of(List.of(campaignZone), rule.get()));
      case SKIP -> skipped(phone, location);
    };
  }

  private static GuardDecision.Skipped skipped(long phone, NumberLocation location) {
    boolean unknown = location.certainty() == NumberLocation.Certainty.UNKNOWN;
    String detail =
        "+"
            + phone
            + " ("
            + location.jurisdiction()
            + ") "
            + (unknown
                ? "has no known time zone"
                : "may be in any of its country's " + location.zones().size() + " time zones")
            + ", so its local hours cannot be checked";
    return new GuardDecision.Skipped(
        location, unknown ? "recipient_zone_unknown" : "recipient_zone_country_wide", detail);
  }
}
