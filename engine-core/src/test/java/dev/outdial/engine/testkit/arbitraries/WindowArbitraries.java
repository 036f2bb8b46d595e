package dev.outdial.engine.testkit.arbitraries;

import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik arbitraries for {@link CallingWindow}s, time zones and instants, weighted towards the cases
 * that break calendar code: overnight and whole-day windows, edge minutes, the days a zone changes
 * its offset, and dates far from today (local mean time with odd seconds before standard time,
 * daylight saving rules carried centuries ahead, the ends of what java.time supports). Plain static
 * factories; no {@code @Domain} needed.
 */
public final class WindowArbitraries {
  private static final long DAY = 86_400L;
  private static final long TWO_DAYS = 2 * DAY;

  /**
   * The first epoch second whose local date-time exists in every zone: {@link LocalDateTime#MIN}
   * seen from UTC, plus a day for offsets west of UTC (at most 18 hours).
   */
  public static final long EARLIEST = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC) + DAY;

  /**
   * The last epoch second generated: {@link LocalDateTime#MAX} seen from UTC, less 31 days, so that
   * every zone has a local date-time for the instant, for the answers that follow it (a window
   * opens at least once a fortnight) and for a model that looks three weeks ahead.
   */
  public static final long LATEST = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC) - 31 * DAY;

  private static final long Y1600 = epochSecond("1600-01-01T00:00:00Z");
  private static final long Y1900 = epochSecond("1900-01-01T00:00:00Z");
  private static final long Y1970 = 0L;
  private static final long Y2100 = epochSecond("2100-01-01T00:00:00Z");
  private static final long Y2300 = epochSecond("2300-01-01T00:00:00Z");
  private static final long Y2700 = epochSecond("2700-01-01T00:00:00Z");

  private static final List<ZoneId> ZONES =
      ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList();

  private WindowArbitraries() {}

  /** Every zone of {@link ZoneId#getAvailableZoneIds()}, in id order for reproducible runs. */
  public static Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES);
  }

  /** Windows in any zone of {@link #zones()}; see {@link #windowsIn(ZoneId)}. */
  public static Arbitrary<CallingWindow> windows() {
    return Combinators.combine(zones(), minutes(), days())
        .as((zone, minutes, days) -> CallingWindow.of(zone, minutes.get1(), minutes.get2(), days));
  }

  /**
   * Windows in {@code zone}: same-day, overnight, whole-day ({@code 0..1440}) and windows on the
   * edge minutes 0, 1, 1439 and 1440, on random non-empty day sets (often one day or all seven).
   */
  public static Arbitrary<CallingWindow> windowsIn(ZoneId zone) {
    return Combinators.combine(minutes(), days())
        .as((minutes, days) -> CallingWindow.of(zone, minutes.get1(), minutes.get2(), days));
  }

  /**
   * Instants over the whole range java.time gives a local date-time for, {@link #EARLIEST} to
   * {@link #LATEST}, uniform within each part: 40% in 1970-2099, 20% in 1900-2299, 10% in 1600-1899
   * (local mean time, whose offsets are rarely whole minutes, in most zones), 10% in 2300-2699
   * (daylight saving carried on by the zone's last rules), 10% within two days of 1900-01-01 or
   * 2300-01-01 (where the engine switches between reading the zone's rules and its precomputed
   * table), 10% anywhere in the range, its ends included. Mostly whole seconds, some whole minutes,
   * some with nanos.
   */
  public static Arbitrary<Instant> instants() {
    Arbitrary<Long> nearTableEdges =
        Combinators.combine(Arbitraries.of(Y1900, Y2300), uniform(-TWO_DAYS, TWO_DAYS))
            .as(Long::sum);
    Arbitrary<Long> seconds =
        weighted(
            Tuple.of(4, uniform(Y1970, Y2100 - 1)),
            Tuple.of(2, uniform(Y1900, Y2300 - 1)),
            Tuple.of(1, uniform(Y1600, Y1900 - 1)),
            Tuple.of(1, uniform(Y2300, Y2700 - 1)),
            Tuple.of(1, nearTableEdges),
            Tuple.of(1, uniform(EARLIEST, LATEST)));
    return weighted(
        Tuple.of(5, seconds.map(Instant::ofEpochSecond)),
        Tuple.of(3, seconds.map(s -> Instant.ofEpochSecond(s - Math.floorMod(s, 60)))),
        Tuple.of(
            2,
            Combinators.combine(seconds, Arbitraries.integers().between(1, 999_999_999))
                .as(Instant::ofEpochSecond)));
  }

  /**
   * Instants within two days either side of a real offset transition of {@code zone}'s rules, some
   * exactly on a transition or one second off it: the first transition after (or else the last
   * before) an instant of {@link #instants()}, so they range as widely, from the end of local mean
   * time to daylight-saving changes in the year 999,999,999. Zones without transitions give {@link
   * #instants()}.
   */
  public static Arbitrary<Instant> instantsNearTransitions(ZoneId zone) {
    return Combinators.combine(instants(), shifts()).as((t, shift) -> near(zone, t, shift));
  }

  /**
   * A window from {@link #windows()} and an instant to ask it about: half the time near an offset
   * transition of the window's own zone (as in {@link #instantsNearTransitions(ZoneId)}), otherwise
   * anywhere (as in {@link #instants()}).
   */
  public static Arbitrary<Tuple2<CallingWindow, Instant>> windowAndInstant() {
    // combine, not flatMap: jqwik builds a new generator per flatMap sample, which is slow.
    return Combinators.combine(windows(), instants(), Arbitraries.of(true, false), shifts())
        .as(
            (window, anywhere, nearTransition, shift) ->
                Tuple.of(window, nearTransition ? near(window.zone(), anywhere, shift) : anywhere));
  }

  /** Start and end minutes: uniform pairs (same-day or overnight), whole days, edge minutes. */
  private static Arbitrary<Tuple2<Integer, Integer>> minutes() {
    Arbitrary<Tuple2<Integer, Integer>> uniform =
        Combinators.combine(
                Arbitraries.integers().between(0, 1439), Arbitraries.integers().between(1, 1440))
            .as(Tuple::of);
    Arbitrary<Tuple2<Integer, Integer>> edges =
        Combinators.combine(Arbitraries.of(0, 1, 720, 1439), Arbitraries.of(1, 720, 1439, 1440))
            .as(Tuple::of);
    return weighted(
            Tuple.of(8, uniform),
            Tuple.of(1, Arbitraries.just(Tuple.of(0, 1440))),
            Tuple.of(2, edges))
        .filter(m -> !m.get1().equals(m.get2()));
  }

  /** Non-empty day sets, from a 7-bit mask: often a single day or all seven. */
  private static Arbitrary<Set<DayOfWeek>> days() {
    Arbitrary<Integer> masks =
        weighted(
            Tuple.of(5, Arbitraries.integers().between(1, 127)),
            Tuple.of(2, Arbitraries.of(1, 2, 4, 8, 16, 32, 64)),
            Tuple.of(2, Arbitraries.just(127)));
    return masks.map(
        mask -> {
          Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
          for (DayOfWeek day : DayOfWeek.values()) {
            if ((mask >> (day.getValue() - 1) & 1) != 0) {
              days.add(day);
            }
          }
          return days;
        });
  }

  /** Seconds to add to a transition: exactly on it or one off, any second or minute in ±2 days. */
  private static Arbitrary<Long> shifts() {
    Arbitrary<Long> anySecond = uniform(-TWO_DAYS, TWO_DAYS);
    return weighted(
        Tuple.of(2, Arbitraries.of(-1L, 0L, 1L)),
        Tuple.of(5, anySecond),
        Tuple.of(3, anySecond.map(s -> s - Math.floorMod(s, 60))));
  }

  /**
   * {@code shift} seconds from the first transition of {@code zone} after {@code t} (or the last
   * before it); {@code t} itself when there is none or the result would leave the range.
   */
  private static Instant near(ZoneId zone, Instant t, long shift) {
    ZoneRules rules = zone.getRules();
    ZoneOffsetTransition transition = rules.nextTransition(t);
    if (transition == null) {
      transition = rules.previousTransition(t);
    }
    if (transition == null) {
      return t;
    }
    long second = transition.toEpochSecond() + shift;
    return second < EARLIEST || second > LATEST ? t : Instant.ofEpochSecond(second);
  }

  /**
   * Longs spread evenly over {@code [min, max]}: jqwik's default crowds them around the shrinking
   * target (here 1970), which would leave the ends of a wide range unvisited.
   */
  private static Arbitrary<Long> uniform(long min, long max) {
    return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
  }

  private static long epochSecond(String instant) {
    return Instant.parse(instant).getEpochSecond();
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // the array never escapes: List.of copies it
  private static <T> Arbitrary<T> weighted(Tuple2<Integer, Arbitrary<T>>... choices) {
    return Arbitraries.frequencyOf(List.of(choices));
  }
}
