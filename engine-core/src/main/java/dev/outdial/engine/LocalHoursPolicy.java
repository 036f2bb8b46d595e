package dev.outdial.engine;

import java.util.Optional;

/**
 * Whether a campaign guards recipient-local hours (docs/compliance.md), and what it does with a
 * number the guard cannot place in a time zone. Request field {@code recipient_local_hours}; a
 * campaign without it takes its key's default, and a key without one is {@link #OFF} (the seed's
 * behaviour).
 */
public enum LocalHoursPolicy {
  /** No guard: the campaign's window alone decides (the seed's behaviour). */
  OFF("off"),
  /**
   * A call starts only when it is inside the allowed hours in every time zone of the recipient's
   * number; a number in an unknown zone (or any of a whole country's zones) is not dialled: it ends
   * {@code skipped}.
   */
  SKIP_UNKNOWN("skip_unknown"),
  /** As {@link #SKIP_UNKNOWN}, but a number in an unknown zone is judged in the campaign's zone. */
  CAMPAIGN_ZONE_FOR_UNKNOWN("campaign_zone_for_unknown");

  private final String wire;

  LocalHoursPolicy(String wire) {
    this.wire = wire;
  }

  /** The wire spelling, e.g. {@code skip_unknown}. */
  public String wire() {
    return wire;
  }

  /** The policy with this wire spelling, if any. */
  public static Optional<LocalHoursPolicy> fromWire(String wire) {
    for (LocalHoursPolicy policy : values()) {
      if (policy.wire.equals(wire)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }
}
