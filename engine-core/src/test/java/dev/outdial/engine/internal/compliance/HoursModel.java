package dev.outdial.engine.internal.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The brute-force model of local hours: open when, in every zone, every rule has hours on the local
 * day that contain the local second-of-day; openings found by walking whole UTC minutes.
 */
record HoursModel(List<ZoneId> zones, List<HoursRule> rules) {

  static final Duration HORIZON = Duration.ofDays(LocalHours.HORIZON_DAYS);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  boolean isOpen(Instant t) {
    for (ZoneId zone : zones) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      int second = local.toLocalTime().toSecondOfDay();
      for (HoursRule rule : rules) {
        Optional<DailyHours> hours = rule.on(local.getDayOfWeek());
        if (hours.isEmpty()
            || second < hours.get().startMinute() * 60
            || second >= hours.get().endMinute() * 60) {
          return false;
        }
      }
    }
    return true;
  }

  /** t when open, else the first open whole minute at most the horizon after t, else MAX. */
  Instant nextOpening(Instant t) {
    if (isOpen(t)) {
      return t;
    }
    Instant limit = t.plus(HORIZON);
    for (Instant m = ceilMinute(t); !m.isAfter(limit); m = m.plus(MINUTE)) {
      if (isOpen(m)) {
        return m;
      }
    }
    return Instant.MAX;
  }

  /** The first whole minute after open instant u that is closed, within {@code days}; or empty. */
  Optional<Instant> closingAfter(Instant u, int days) {
    Instant limit = u.plus(Duration.ofDays(days));
    for (Instant m = ceilMinute(u.plusNanos(1)); !m.isAfter(limit); m = m.plus(MINUTE)) {
      if (!isOpen(m)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  static Instant ceilMinute(Instant t) {
    Instant floor = t.truncatedTo(ChronoUnit.MINUTES);
    return floor.equals(t) ? t : floor.plus(MINUTE);
  }
}
