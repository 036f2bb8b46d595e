package dev.outdial.engine.internal.compliance;

import dev.outdial.engine.CallingWindow;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * When calls to one group of recipients may start: those whose numbers share a set of candidate
 * zones and a rule. Open at an instant when, in <em>every</em> candidate zone, the local day has
 * hours in the rule and the local time lies inside them ({@code start <= time < end}, compared to
 * the second like {@link CallingWindow}). Idaho's 208 (Boise and Los Angeles) under the federal
 * 08:00-21:00 is open from 08:00 Los Angeles time to 21:00 Boise time.
 *
 * <p>Asked like a {@link CallingWindow}, so a dispatcher can treat both alike. Daylight saving
 * follows from each zone's wall clock exactly as for a calling window: a start skipped by a
 * spring-forward gap opens at the first instant whose local time is at or after it (the transition
 * instant); local times repeated by a fall-back are inside the hours both times. Rules are whole
 * minutes, so every opening and closing is a local minute boundary in some zone, and a whole UTC
 * minute wherever the zones' offsets are whole minutes (every zone since 1972).
 *
 * <p>Answers are computed, not stepped: per zone the rule is one {@link CallingWindow} per distinct
 * daily hours, and the first common opening is the fixed point of "move to the latest of the zones'
 * next openings", a few window questions (some hundred nanoseconds each) per answer. The search
 * stops {@value #HORIZON_DAYS} days after the instant asked about.
 *
 * <p>Immutable and thread-safe. {@link #of} interns: equal zone sets and rules give the same
 * instance, so a million recipients spread over fifty groups share fifty of these.
 */
public final class LocalHours {

  /** How far ahead {@link #nextOpening} looks. Every rule in the table opens at least weekly. */
  public static final int HORIZON_DAYS = 14;

  private static final Duration HORIZON = Duration.ofDays(HORIZON_DAYS);

  // A zone's open stretch is a union of windows on different days: at most 7 hand-overs a week.
  private static final int MAX_HAND_OVERS = 4 * 7;

  private static final ConcurrentHashMap<Group, LocalHours> INTERNED = new ConcurrentHashMap<>();

  private final Group group;

  /** Per candidate zone, the rule's windows on its wall clock. */
  private final CallingWindow[][] windows;

  /** The key of an interned instance: the sorted zones and the rule. */
  private record Group(List<ZoneId> zones, HoursRule rule) {}

  private LocalHours(Group group) {
    this.group = group;
    this.windows = new CallingWindow[group.zones().size()][];
    for (int i = 0; i < windows.length; i++) {
      windows[i] = group.rule().windowsIn(group.zones().get(i)).toArray(new CallingWindow[0]);
    }
  }

  /**
   * The hours of {@code rule} in every zone of {@code zones}: the interned instance for this group.
   *
   * @param zones the candidate zones, in any order, duplicates ignored; must not be empty
   * @throws IllegalArgumentException if {@code zones} is empty
   */
  public static LocalHours of(Collection<ZoneId> zones, HoursRule rule) {
    Objects.requireNonNull(rule, "rule");
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("local hours of rule " + rule.name() + " need a zone");
    }
    TreeSet<ZoneId> sorted = new TreeSet<>(Comparator.comparing(ZoneId::getId));
    sorted.addAll(zones);
    Group group = new Group(List.copyOf(sorted), rule);
    return INTERNED.computeIfAbsent(group, LocalHours::new);
  }

  /** How many distinct groups have been interned so far (for tests and metrics). */
  static int internedCount() {
    return INTERNED.size();
  }

  /** The candidate zones, sorted by id. */
  public List<ZoneId> zones() {
    return group.zones();
  }

  /** The rule applied in every zone. */
  public HoursRule rule() {
    return group.rule();
  }

  /** Whether a call may start at {@code t}: every zone's local time is inside its day's hours. */
  public boolean isOpen(Instant t) {
    for (CallingWindow[] zone : windows) {
      if (!anyOpen(zone, t)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The earliest instant {@code u >= t} at which {@link #isOpen} holds: {@code t} itself (nanos
   * included) when open, otherwise a whole second. {@link Instant#MAX} when there is none within
   * {@value #HORIZON_DAYS} days of {@code t} (a rule without hours, or zones whose hours never
   * overlap).
   */
  public Instant nextOpening(Instant t) {
    Instant limit = plusHorizon(t);
    Instant u = t;
    // Each round moves u to the latest zone's next opening; no common opening is ever skipped, as
    // none lies before any zone's own next opening. A round that moves nothing is the answer.
    while (true) {
      Instant latest = u;
      for (CallingWindow[] zone : windows) {
        Instant opening = zoneOpening(zone, u);
        if (opening.isAfter(latest)) {
          latest = opening;
        }
      }
      if (latest.equals(u)) {
        return u;
      }
      if (latest.isAfter(limit)) {
        return Instant.MAX;
      }
      u = latest;
    }
  }

  /**
   * The earliest instant {@code u > t} at which the hours go from open to closed: the end of the
   * open stretch containing {@code t}, or when closed at {@code t} the end of the next open stretch
   * (as {@link CallingWindow#nextClosing}). Empty when no stretch opens within the horizon, or when
   * the hours never close (a rule allowing every minute of every day).
   */
  public Optional<Instant> nextClosing(Instant t) {
    Instant u = nextOpening(t);
    if (u.equals(Instant.MAX)) {
      return Optional.empty();
    }
    Instant earliest = null;
    for (CallingWindow[] zone : windows) {
      Optional<Instant> end = zoneStretchEnd(zone, u);
      if (end.isPresent() && (earliest == null || end.get().isBefore(earliest))) {
        earliest = end.get();
      }
    }
    return Optional.ofNullable(earliest);
  }

  private static boolean anyOpen(CallingWindow[] zone, Instant t) {
    for (CallingWindow window : zone) {
      if (window.isOpen(t)) {
        return true;
      }
    }
    return false;
  }

  /** The zone's own next opening at or after {@code t}; {@link Instant#MAX} if it has no hours. */
  private static Instant zoneOpening(CallingWindow[] zone, Instant t) {
    Instant earliest = Instant.MAX;
    for (CallingWindow window : zone) {
      Instant opening;
      try {
        opening = window.nextOpening(t);
      } catch (DateTimeException e) {
        continue; // beyond Instant.MAX
      }
      if (opening.isBefore(earliest)) {
        earliest = opening;
      }
    }
    return earliest;
  }

  /**
   * The end of the zone's open stretch containing {@code t} (open at t), following hand-overs from
   * one day's window to the next; empty if it never ends.
   */
  private static Optional<Instant> zoneStretchEnd(CallingWindow[] zone, Instant t) {
    Instant at = t;
    for (int handOver = 0; handOver < MAX_HAND_OVERS; handOver++) {
      @Nullable Instant end = null;
      for (CallingWindow window : zone) {
        if (window.isOpen(at)) {
          Optional<Instant> closing = window.nextClosing(at);
          if (closing.isEmpty()) {
            return Optional.empty();
          }
          if (end == null || closing.get().isAfter(end)) {
            end = closing.get();
          }
        }
      }
      if (end == null) {
        return Optional.of(at); // not open at t: cannot happen for an opening, but stay total
      }
      if (!anyOpen(zone, end)) {
        return Optional.of(end);
      }
      at = end;
    }
    return Optional.empty(); // open through every hand-over of four weeks: never closes
  }

  private static Instant plusHorizon(Instant t) {
    return t.isAfter(Instant.MAX.minus(HORIZON)) ? Instant.MAX : t.plus(HORIZON);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LocalHours other && group.equals(other.group);
  }

  @Override
  public int hashCode() {
    return group.hashCode();
  }

  /** Like {@code LocalHours[US+US-WA in America/Los_Angeles]}. */
  @Override
  public String toString() {
    return "LocalHours[" + group.rule().name() + " in " + group.zones() + "]";
  }
}
