package dev.outdial.engine.testkit.arbitraries;

import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik arbitraries for {@link CallingWindow}s, time zones and instants, weighted towards the cases
 * that break calendar code: overnight and whole-day windows, edge minutes, and the days a zone
 * changes its offset. Plain static factories; no {@code @Domain} needed.
 */
public final class WindowArbitraries {
  /** 1970-01-01T00:00:00Z in epoch seconds. */
  private static final long FROM = 0L;

  /** 2100-01-01T00:00:00Z in epoch seconds. */
  private static final long UNTIL = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();

  private static final long TWO_DAYS = 2 * 86_400L;
  private static final List<ZoneId> ZONES =
      ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList();
  private static final Map<ZoneId, List<Instant>> TRANSITIONS = new ConcurrentHashMap<>();

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
   * Instants from 1970-01-01 (inclusive) to 2100-01-01 (exclusive), uniformly: mostly whole
   * seconds, some whole minutes, some with nanos.
   */
  public static Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds = Arbitraries.longs().between(FROM, UNTIL - 1);
    return weighted(
        Tuple.of(5, seconds.map(Instant::ofEpochSecond)),
        Tuple.of(3, seconds.map(s -> Instant.ofEpochSecond(s - Math.floorMod(s, 60)))),
        Tuple.of(
            2,
            Combinators.combine(seconds, Arbitraries.integers().between(1, 999_999_999))
                .as(Instant::ofEpochSecond)));
  }

  /**
   * Instants within two days either side of a real offset transition of {@code zone}'s rules
   * between 1970 and 2100, some exactly on a transition or one second off it. Zones without such a
   * transition fall back to {@link #instants()}.
   */
  public static Arbitrary<Instant> instantsNearTransitions(ZoneId zone) {
    List<Instant> transitions = transitionsOf(zone);
    if (transitions.isEmpty()) {
      return instants();
    }
    return Combinators.combine(Arbitraries.of(transitions), shifts()).as(Instant::plusSeconds);
  }

  /**
   * A window from {@link #windows()} and an instant to ask it about: half the time within two days
   * of an offset transition of the window's own zone (as in {@link
   * #instantsNearTransitions(ZoneId)}), otherwise anywhere from 1970 to 2100 (as in {@link
   * #instants()}).
   */
  public static Arbitrary<Tuple2<CallingWindow, Instant>> windowAndInstant() {
    // combine, not flatMap: jqwik builds a new generator per flatMap sample, which is slow.
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    return Combinators.combine(windows(), instants(), Arbitraries.of(true, false), pick, shifts())
        .as(
            (window, anywhere, near, index, shift) -> {
              List<Instant> transitions = transitionsOf(window.zone());
              if (!near || transitions.isEmpty()) {
                return Tuple.of(window, anywhere);
              }
              Instant transition = transitions.get(index % transitions.size());
              return Tuple.of(window, transition.plusSeconds(shift));
            });
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
    Arbitrary<Long> anySecond = Arbitraries.longs().between(-TWO_DAYS, TWO_DAYS);
    return weighted(
        Tuple.of(2, Arbitraries.of(-1L, 0L, 1L)),
        Tuple.of(5, anySecond),
        Tuple.of(3, anySecond.map(s -> s - Math.floorMod(s, 60))));
  }

  private static List<Instant> transitionsOf(ZoneId zone) {
    return TRANSITIONS.computeIfAbsent(zone, WindowArbitraries::transitions);
  }

  private static List<Instant> transitions(ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<Instant> found = new ArrayList<>();
    ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(FROM - 1));
    while (next != null && next.toEpochSecond() < UNTIL) {
      found.add(next.getInstant());
      next = rules.nextTransition(next.getInstant());
    }
    return List.copyOf(found);
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // the array never escapes: List.of copies it
  private static <T> Arbitrary<T> weighted(Tuple2<Integer, Arbitrary<T>>... choices) {
    return Arbitraries.frequencyOf(List.of(choices));
  }
}
