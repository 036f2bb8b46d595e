package dev.outdial.engine;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * epoch seconds, plus one step per zone offset transition crossed (a handful at most).
 */
public final class CallingWindow {
  private static final int SECONDS_PER_DAY = 86_400;
  private static final int MINUTES_PER_DAY = 1_440;
  private static final int EVERY_DAY = 0x7f;
  private static final int MAX_SEGMENTS = 1_000;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final @Nullable Timeline timeline;
  private final boolean fixed;
  private final int fixedOffset;
  private final int startMinute;
  private final int endMinute;
  private final int startSecond;
  private final int endSecond;
  private final boolean overnight;
  private final boolean wholeDays;
  private final boolean neverCloses;
  private final Set<DayOfWeek> days;
  private final int dayMask;

  /** Index Monday=0: days until the next allowed day, 1..7. */
  private final byte[] daysToNextAllowed = new byte[7];

  /** Index Monday=0: days until the next disallowed day, 1..7, or 0 if every day is allowed. */
  private final byte[] daysToNextDisallowed = new byte[7];

  private CallingWindow(ZoneId zone, int startMinute, int endMinute, Set<DayOfWeek> days) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset();
    this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    this.timeline = fixed ? null : Timeline.of(rules);
    this.startMinute = startMinute;
    this.endMinute = endMinute;
    this.startSecond = startMinute * 60;
    this.endSecond = endMinute * 60;
    this.overnight = startMinute > endMinute;
    this.wholeDays = startMinute == 0 && endMinute == MINUTES_PER_DAY;
    this.days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    int mask = 0;
    for (DayOfWeek day : this.days) {
      mask |= 1 << (day.getValue() - 1);
    }
    this.dayMask = mask;
    this.neverCloses = wholeDays && mask == EVERY_DAY;
    for (int day = 0; day < 7; day++) {
      for (int ahead = 7; ahead >= 1; ahead--) {
        boolean allowed = (mask >> ((day + ahead) % 7) & 1) != 0;
        if (allowed) {
          daysToNextAllowed[day] = (byte) ahead;
        } else {
          daysToNextDisallowed[day] = (byte) ahead;
        }
      }
    }
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
    if (startMinute < 0 || startMinute >= MINUTES_PER_DAY) {
      throw new IllegalArgumentException(
          "startMinute " + startMinute + " is outside 0..1439 (minutes of the local day)");
    }
    if (endMinute < 1 || endMinute > MINUTES_PER_DAY) {
      throw new IllegalArgumentException(
          "endMinute " + endMinute + " is outside 1..1440 (minutes of the local day)");
    }
    if (startMinute == endMinute) {
      throw new IllegalArgumentException(
          "startMinute and endMinute are both " + startMinute + ": the window would be empty");
    }
    if (days.isEmpty()) {
      throw new IllegalArgumentException("days is empty: a window needs at least one day");
    }
    return new CallingWindow(zone, startMinute, endMinute, days);
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
    return overnight;
  }

  /** Whether calls may be placed at instant {@code t}, judged on the zone's wall clock at t. */
  public boolean isOpen(Instant t) {
    return isOpenAtWall(t.getEpochSecond() + offsetAt(t));
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
    long wall = second + offsetAt(t);
    if (isOpenAtWall(wall)) {
      return t;
    }
    if (fixed) {
      return Instant.ofEpochSecond(openingAtWall(wall) - fixedOffset);
    }
    Timeline tl = timeline;
    if (tl == null || !tl.covers(second)) {
      return nextOpeningByRules(t);
    }
    for (int i = tl.segment(second); i < tl.segments; i++) {
      int offset = tl.offsets[i];
      long limit = tl.limit(i);
      long opening = openingAtWall(second + offset) - offset;
      if (opening < limit) {
        return Instant.ofEpochSecond(opening);
      }
      if (isOpenAtWall(limit + tl.offsets[i + 1])) {
        return Instant.ofEpochSecond(limit);
      }
      second = limit;
    }
    return nextOpeningByRules(Instant.ofEpochSecond(second));
  }

  /** {@link #nextOpening} by asking {@link ZoneRules} segment by segment; closed at {@code t}. */
  private Instant nextOpeningByRules(Instant t) {
    Instant from = t;
    for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
      ZoneOffsetTransition next = rules.nextTransition(from);
      int offset = offsetUntil(next, from);
      long opening = openingAtWall(from.getEpochSecond() + offset) - offset;
      if (next == null || opening < next.toEpochSecond()) {
        return Instant.ofEpochSecond(opening);
      }
      if (isOpenAtWall(next.toEpochSecond() + next.getOffsetAfter().getTotalSeconds())) {
        return next.getInstant();
      }
      from = next.getInstant();
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
    if (neverCloses) {
      return Optional.empty();
    }
    long second = t.getEpochSecond();
    if (fixed) {
      long wall = second + fixedOffset;
      return Optional.of(Instant.ofEpochSecond(closingAtWall(openingAtWall(wall)) - fixedOffset));
    }
    Timeline tl = timeline;
    if (tl == null || !tl.covers(second)) {
      return Optional.of(nextClosingByRules(t));
    }
    for (int i = tl.segment(second); i < tl.segments; i++) {
      int offset = tl.offsets[i];
      long limit = tl.limit(i);
      long opening = openingAtWall(second + offset) - offset;
      if (opening < limit) {
        long closing = closingAtWall(opening + offset) - offset;
        if (closing < limit) {
          return Optional.of(Instant.ofEpochSecond(closing));
        }
        // Open from the opening up to the transition: it closes there unless open after it.
        if (!isOpenAtWall(limit + tl.offsets[i + 1])) {
          return Optional.of(Instant.ofEpochSecond(limit));
        }
      }
      second = limit;
    }
    return Optional.of(nextClosingByRules(Instant.ofEpochSecond(second)));
  }

  /** {@link #nextClosing} by asking {@link ZoneRules} segment by segment. */
  private Instant nextClosingByRules(Instant t) {
    Instant from = t;
    for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
      ZoneOffsetTransition next = rules.nextTransition(from);
      int offset = offsetUntil(next, from);
      long limit = next == null ? Long.MAX_VALUE : next.toEpochSecond();
      long opening = openingAtWall(from.getEpochSecond() + offset) - offset;
      if (opening < limit) {
        long closing = closingAtWall(opening + offset) - offset;
        if (closing < limit) {
          return Instant.ofEpochSecond(closing);
        }
        // Open from the opening up to the transition: it closes there unless open after it.
        if (!isOpenAtWall(limit + next.getOffsetAfter().getTotalSeconds())) {
          return next.getInstant();
        }
      }
      from = Objects.requireNonNull(next).getInstant();
    }
    throw tooManyTransitions(t);
  }

  private int offsetAt(Instant t) {
    if (fixed) {
      return fixedOffset;
    }
    Timeline tl = timeline;
    long second = t.getEpochSecond();
    return tl != null && tl.covers(second)
        ? tl.offsets[tl.segment(second)]
        : rules.getOffset(t).getTotalSeconds();
  }

  private int offsetUntil(@Nullable ZoneOffsetTransition next, Instant from) {
    return next == null
        ? rules.getOffset(from).getTotalSeconds()
        : next.getOffsetBefore().getTotalSeconds();
  }

  private boolean isOpenAtWall(long wall) {
    long day = Math.floorDiv(wall, SECONDS_PER_DAY);
    long second = wall - day * SECONDS_PER_DAY;
    if (!overnight) {
      return second >= startSecond && second < endSecond && allowed(day);
    }
    return second >= startSecond ? allowed(day) : second < endSecond && allowed(day - 1);
  }

  /** The earliest open wall second at or after {@code wall}, on a wall clock without DST jumps. */
  private long openingAtWall(long wall) {
    if (isOpenAtWall(wall)) {
      return wall;
    }
    long day = Math.floorDiv(wall, SECONDS_PER_DAY);
    long second = wall - day * SECONDS_PER_DAY;
    if (second < startSecond && allowed(day)) {
      return day * SECONDS_PER_DAY + startSecond;
    }
    return (day + daysToNextAllowed[dayOfWeek(day)]) * SECONDS_PER_DAY + startSecond;
  }

  /** The wall second ending the open stretch that contains the open wall second {@code wall}. */
  private long closingAtWall(long wall) {
    long day = Math.floorDiv(wall, SECONDS_PER_DAY);
    long second = wall - day * SECONDS_PER_DAY;
    if (wholeDays) {
      return (day + daysToNextDisallowed[dayOfWeek(day)]) * SECONDS_PER_DAY;
    }
    if (overnight && second >= startSecond) {
      return (day + 1) * SECONDS_PER_DAY + endSecond;
    }
    return day * SECONDS_PER_DAY + endSecond;
  }

  private boolean allowed(long epochDay) {
    return (dayMask >> dayOfWeek(epochDay) & 1) != 0;
  }

  /** Monday=0 .. Sunday=6; epoch day 0 (1970-01-01) was a Thursday. */
  private static int dayOfWeek(long epochDay) {
    return (int) Math.floorMod(epochDay + 3, 7L);
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
        && dayMask == other.dayMask;
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, startMinute, endMinute, dayMask);
  }

  /** Like {@code CallingWindow[09:00-18:00 MON,TUE Europe/London]}. */
  @Override
  public String toString() {
    String dayList =
        days.stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    return "CallingWindow["
        + clock(startMinute)
        + "-"
        + clock(endMinute)
        + " "
        + dayList
        + " "
        + zone
        + "]";
  }

  private static String clock(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }

  /**
   * A zone's offset transitions from 1900 to 2300 as sorted arrays, shared by all windows of the
   * zone, so that answers there take a binary search instead of {@link ZoneRules} lookups, which
   * allocate past the last stored transition.
   */
  private static final class Timeline {
    private static final long FROM = -2_208_988_800L; // 1900-01-01T00:00:00Z
    private static final long UNTIL = 10_413_792_000L; // 2300-01-01T00:00:00Z
    private static final ConcurrentHashMap<ZoneRules, Timeline> CACHE = new ConcurrentHashMap<>();

    /** Transition instants in epoch seconds, ascending. */
    private final long[] at;

    /**
     * {@code offsets[i]}: offset seconds in force from {@code at[i - 1]} (or FROM) to {@code
     * at[i]}.
     */
    private final int[] offsets;

    /** Segments usable from the table: all when the rules have no later transition. */
    private final int segments;

    /** Seconds at or after this are answered by the rules. */
    private final long validUntil;

    private Timeline(long[] at, int[] offsets, boolean complete) {
      this.at = at;
      this.offsets = offsets;
      this.segments = complete ? at.length + 1 : at.length;
      this.validUntil = complete ? Long.MAX_VALUE : at[at.length - 1];
    }

    static @Nullable Timeline of(ZoneRules rules) {
      Timeline cached = CACHE.get(rules);
      if (cached != null) {
        return cached;
      }
      long[] at = new long[64];
      int[] offsets = new int[65];
      offsets[0] = rules.getOffset(Instant.ofEpochSecond(FROM)).getTotalSeconds();
      int n = 0;
      ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(FROM));
      while (next != null && next.toEpochSecond() < UNTIL) {
        if (n == at.length) {
          at = Arrays.copyOf(at, 2 * n);
          offsets = Arrays.copyOf(offsets, 2 * n + 1);
        }
        at[n] = next.toEpochSecond();
        offsets[++n] = next.getOffsetAfter().getTotalSeconds();
        next = rules.nextTransition(next.getInstant());
      }
      if (next != null && n == 0) {
        return null;
      }
      Timeline built =
          new Timeline(Arrays.copyOf(at, n), Arrays.copyOf(offsets, n + 1), next == null);
      CACHE.putIfAbsent(rules, built);
      return built;
    }

    boolean covers(long second) {
      return second >= FROM && second < validUntil;
    }

    /** The index of the segment holding {@code second}, which {@link #covers} must accept. */
    int segment(long second) {
      int found = Arrays.binarySearch(at, second);
      return found >= 0 ? found + 1 : -found - 1;
    }

    /** The first second after segment {@code i}: the transition ending it. */
    long limit(int i) {
      return i < at.length ? at[i] : Long.MAX_VALUE;
    }
  }
}
