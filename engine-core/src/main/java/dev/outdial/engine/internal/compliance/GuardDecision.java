package dev.outdial.engine.internal.compliance;

import java.util.Objects;

/** What the hours guard says about one recipient's number. */
public sealed interface GuardDecision {

  /** Where libphonenumber places the number. */
  NumberLocation location();

  /** Calls may start only while {@link #hours()} is open (on top of the campaign's window). */
  record Guarded(NumberLocation location, LocalHours hours) implements GuardDecision {
    public Guarded {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(hours, "hours");
    }
  }

  /** No rule covers the number's jurisdiction: the campaign's window alone decides. */
  record Unguarded(NumberLocation location) implements GuardDecision {
    public Unguarded {
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * The number has a rule but no usable zone and the policy is {@link UnresolvedZonePolicy#SKIP}:
   * the recipient is never dialled.
   *
   * @param reason a stable snake_case code: {@code recipient_zone_unknown} or {@code
   *     recipient_zone_country_wide}
   * @param detail a sentence naming the number, its jurisdiction and the zones found
   */
  record Skipped(NumberLocation location, String reason, String detail) implements GuardDecision {
    public Skipped {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
