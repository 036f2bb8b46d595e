package dev.outdial.engine;

import dev.outdial.engine.internal.time.OffsetSegments;
import dev.outdial.engine.internal.time.OffsetTimeline;
import dev.outdial.engine.internal.time.WallWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * When calls may be placed: the minutes {@code [startMinute, endMinute)} of the local day in {@link
 * #zone()}, on the allowed {@link #days()} (SPEC §3).
 *
 * <p>Openness is decided on the local wall clock of the zone at the instant asked about, to the
 * second. A same-day window ({@code startMinute < endMinute}) is open when the local day is allowed
 * and {@code startMinute * 60 <= local second-of-day < endMinute * 60}. An overnight window ({@code
 * startMinute > endMinute}) belongs to the day it begins on: it is open from {@code startMinute} on
 * an allowed day until {@code endMinute} of the following day, so {@code 18:00-02:00} on Friday is
 * open Friday 18:00 to Saturday 02:00 and not Friday 00:00-02:00.
 *
 * <p>Daylight saving follows from the wall clock: local times skipped by a spring-forward never
 * occur (a window whose start is skipped opens at the transition instant), and local times repeated
 * by a fall-back are inside the window both times (a window may close and reopen within one local
 * date).
 *
 * <p>Instances are immutable and thread-safe. Every answer takes O(1) work: calendar arithmetic on
 * "wall seconds" (epoch second plus the offset in force), plus one step per zone offset transition
 * crossed (a handful at most). From 1900 to 2300 the offsets come from arrays precomputed per zone
 * and an answer allocates nothing but the returned value; elsewhere {@code ZoneRules} is asked.
 */
public final class CallingWindow {
  private static final int MINUTES_PER_DAY = 1_440;
  private static final int MAX_SEGMENTS = 1_000;

  private final ZoneId zone;
  private final OffsetSegments segments;
  private final WallWindow wall;
  private final int startMinute;
  private final int endMinute;
  private final Set<DayOfWeek> days;

  private CallingWindow(ZoneId zone, int startMinute, int endMinute, Set<DayOfWeek> days) {
    this.zone = zone;
    this.segments = OffsetTimeline.of(zone.getRules());
    this.wall = new WallWindow(startMinute, endMinute, days);
    this.startMinute = startMinute;
    this.endMinute = endMinute;
    this.days = Collections.unmodifiableSet(EnumSet.copyOf(days));
  }

  /**
   * A window open from {@code startMinute} to {@code endMinute} of the local day in {@code zone} on
   * {@code days}; overnight when {@code startMinute > endMinute}.
   *
   * @param zone the zone whose wall clock decides openness
   * @param startMinute first open minute of the local day, {@code 0..1439}
   * @param endMinute first closed minute after the start, {@code 1..1440} (1440 = midnight at the
   *     end of the day); must differ from {@code startMinute}
   * @param days the days a window may begin on; copied, must not be empty
   * @throws IllegalArgumentException naming the offending value when a minute is out of range, the
   *     minutes are equal or {@code days} is empty
   */
  public static CallingWindow of(ZoneId zone, int startMinute, int endMinute, Set<DayOfWeek> days) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(days, "days");
    requireMinute("startMinute", startMinute, 0, MINUTES_PER_DAY - 1);
    requireMinute("endMinute", endMinute, 1, MINUTES_PER_DAY);
    if (startMinute == endMinute) {
      throw new IllegalArgumentException(
          "startMinute and endMinute are both " + startMinute + ": the window would be empty");
    }
    if (days.isEmpty()) {
      throw new IllegalArgumentException("days is empty: a window needs at least one day");
    }
    return new CallingWindow(zone, startMinute, endMinute, days);
  }

  private static void requireMinute(String name, int minute, int min, int max) {
    if (minute < min || minute > max) {
      throw new IllegalArgumentException(
          name + " " + minute + " is outside " + min + ".." + max + " (minutes of the local day)");
    }
  }

  /**
   * A window open all day, from local midnight to local midnight, on {@code days}; consecutive
   * allowed days form one open stretch. Same as {@code of(zone, 0, 1440, days)}.
   *
   * @throws IllegalArgumentException if {@code days} is empty
   */
  public static CallingWindow wholeDays(ZoneId zone, Set<DayOfWeek> days) {
    return of(zone, 0, MINUTES_PER_DAY, days);
  }

  /** A window open at every instant: whole days, all seven days. It never closes. */
  public static CallingWindow always(ZoneId zone) {
    return wholeDays(zone, EnumSet.allOf(DayOfWeek.class));
  }

  /** The zone whose local wall clock decides openness. */
  public ZoneId zone() {
    return zone;
  }

  /** The first open minute of the local day, {@code 0..1439}. */
  public int startMinute() {
    return startMinute;
  }

  /** The first closed minute after the start, {@code 1..1440}; 1440 is the end of the day. */
  public int endMinute() {
    return endMinute;
  }

  /** The days a window may begin on, unmodifiable, in {@link DayOfWeek} order; never empty. */
  public Set<DayOfWeek> days() {
    return days;
  }

  /** Whether the window crosses local midnight ({@code startMinute > endMinute}). */
  public boolean overnight() {
    return startMinute > endMinute;
  }

  /** Whether calls may be placed at instant {@code t}, judged on the zone's wall clock at t. */
  public boolean isOpen(Instant t) {
    long second = t.getEpochSecond();
    return wall.isOpen(second + segments.offset(segments.seek(second)));
  }

  /**
   * The earliest instant {@code u >= t} at which the window is open: {@code t} itself (nanos
   * included) when open at t, otherwise a whole second. Always exists, since every window opens at
   * least once every two weeks.
   *
   * @throws DateTimeException if the answer lies beyond {@link Instant#MAX}
   */
  public Instant nextOpening(Instant t) {
    long second = t.getEpochSecond();
    long cursor = segments.seek(second);
    int offset = segments.offset(cursor);
    if (wall.isOpen(second + offset)) {
      return t;
    }
    // Per segment of one offset: opens within it, or at its end, or look at the next segment.
    for (int crossed = 0; crossed < MAX_SEGMENTS; crossed++) {
      long end = segments.end(cursor);
      long opening = wall.openingAt(second + offset) - offset;
      if (opening < end) {
        return Instant.ofEpochSecond(opening);
      }
      cursor = segments.seek(end);
      offset = segments.offset(cursor);
      if (wall.isOpen(end + offset)) {
        return Instant.ofEpochSecond(end);
      }
      second = end;
    }
    throw tooManyTransitions(t);
  }

  /**
   * The earliest instant {@code u > t} at which the window goes from open to closed: the end of the
   * open stretch containing t, or when closed at t the end of the next open stretch. Always a whole
   * second. Empty if and only if the window never closes (whole days on all seven days).
   *
   * @throws DateTimeException if the answer lies beyond {@link Instant#MAX}
   */
  public Optional<Instant> nextClosing(Instant t) {
    if (wall.neverCloses()) {
      return Optional.empty();
    }
    long second = t.getEpochSecond();
    long cursor = segments.seek(second);
    int offset = segments.offset(cursor);
    // Per segment of one offset: closes within it, or at its end if open up to it and not after.
    for (int crossed = 0; crossed < MAX_SEGMENTS; crossed++) {
      long end = segments.end(cursor);
      long opening = wall.openingAt(second + offset) - offset;
      long closing = opening < end ? wall.closingAt(opening + offset) - offset : end;
      if (closing < end) {
        return Optional.of(Instant.ofEpochSecond(closing));
      }
      cursor = segments.seek(end);
      offset = segments.offset(cursor);
      if (opening < end && !wall.isOpen(end + offset)) {
        return Optional.of(Instant.ofEpochSecond(end));
      }
      second = end;
    }
    throw tooManyTransitions(t);
  }

  private IllegalStateException tooManyTransitions(Instant t) {
    return new IllegalStateException(
        "more than " + MAX_SEGMENTS + " offset transitions of " + zone + " crossed from " + t);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CallingWindow other
        && zone.equals(other.zone)
        && startMinute == other.startMinute
        && endMinute == other.endMinute
        && wall.dayMask() == other.wall.dayMask();
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, startMinute, endMinute, wall.dayMask());
  }

  /** Like {@code CallingWindow[09:00-18:00 MON,TUE Europe/London]}. */
  @Override
  public String toString() {
    String dayList =
        days.stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    return String.format(
        "CallingWindow[%s-%s %s %s]", clock(startMinute), clock(endMinute), dayList, zone);
  }

  private static String clock(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }
}
