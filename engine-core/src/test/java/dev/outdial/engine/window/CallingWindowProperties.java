package dev.outdial.engine.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.testkit.arbitraries.WindowArbitraries;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * SPEC §3 against a brute-force model: every answer of {@link CallingWindow} matches a minute-by-
 * minute walk that reads openness off {@link LocalDateTime} fields, in every zone, at instants over
 * the whole range java.time supports ("any zone and date"): mostly 1970-2100, often 1800-2400
 * (local mean time offsets with odd seconds, daylight saving after 2300), sometimes the far past
 * and future, with offset-change days over-sampled ({@link WindowArbitraries}).
 */
class CallingWindowProperties {
  /** Two weeks (a weekly window whose only slot falls in a gap) plus a six-day stretch and DST. */
  private static final Duration HORIZON = Duration.ofDays(21);

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Provide
  Arbitrary<Tuple2<CallingWindow, Instant>> cases() {
    return WindowArbitraries.windowAndInstant();
  }

  @Property(tries = 6000)
  void is_open_follows_the_local_wall_clock(@ForAll("cases") Tuple2<CallingWindow, Instant> c) {
    Model model = new Model(c.get1());
    assertEquals(model.isOpen(c.get2()), c.get1().isOpen(c.get2()), () -> describe(c));
    collectReach(c.get1().zone(), c.get2());
  }

  @Property(tries = 2500)
  void next_opening_is_the_first_open_instant(@ForAll("cases") Tuple2<CallingWindow, Instant> c) {
    CallingWindow window = c.get1();
    Instant t = c.get2();
    Model model = new Model(window);
    Instant opening = window.nextOpening(t);

    assertFalse(opening.isBefore(t), () -> describe(c) + " opening " + opening);
    assertTrue(opening.isBefore(t.plus(HORIZON)), () -> describe(c) + " opening " + opening);
    assertTrue(model.isOpen(opening), () -> describe(c) + " closed at opening " + opening);
    if (!opening.equals(t)) {
      assertEquals(0, opening.getNano(), () -> describe(c));
      assertFalse(model.isOpen(opening.minusSeconds(1)), () -> describe(c) + " " + opening);
    }
    for (Instant p = t; p.isBefore(opening); p = p.plus(MINUTE)) {
      Instant at = p;
      assertFalse(model.isOpen(p), () -> describe(c) + " open at " + at + " before " + opening);
    }
  }

  @Property(tries = 2500)
  void next_closing_ends_the_current_or_next_open_stretch(
      @ForAll("cases") Tuple2<CallingWindow, Instant> c) {
    CallingWindow window = c.get1();
    Instant t = c.get2();
    Model model = new Model(window);
    Optional<Instant> found = window.nextClosing(t);
    if (found.isEmpty()) {
      assertTrue(model.neverCloses(), () -> describe(c) + " never closes");
      return;
    }
    Instant closing = found.get();
    assertTrue(closing.isAfter(t), () -> describe(c) + " closing " + closing);
    assertEquals(0, closing.getNano(), () -> describe(c));
    assertFalse(model.isOpen(closing), () -> describe(c) + " open at closing " + closing);
    assertTrue(model.isOpen(closing.minusSeconds(1)), () -> describe(c) + " closing " + closing);
    assertTrue(closing.isAfter(window.nextOpening(t)), () -> describe(c) + " " + closing);

    // The closing is a real one (above); it must also be the first: the model, sampled minute by
    // minute, closes nowhere before it. (A scan cannot instead look for the model's first closing:
    // with a zone's early offsets in seconds, an open stretch can be shorter than a minute and fall
    // between two samples, as Africa/Abidjan's 52 s on 1912-01-01 did.)
    boolean wasOpen = model.isOpen(t);
    for (Instant p = t.plus(MINUTE); p.isBefore(closing); p = p.plus(MINUTE)) {
      boolean open = model.isOpen(p);
      Instant sample = p;
      assertFalse(
          wasOpen && !open,
          () -> describe(c) + " closing " + closing + " but model closes by " + sample);
      wasOpen = open;
    }
  }

  @Property(tries = 1000)
  void always_open_windows_never_close(
      @ForAll("zones") ZoneId zone, @ForAll("instants") Instant t) {
    CallingWindow always = CallingWindow.always(zone);
    assertTrue(always.isOpen(t));
    assertEquals(t, always.nextOpening(t));
    assertEquals(Optional.empty(), always.nextClosing(t));
  }

  @Property(tries = 3000)
  void next_opening_is_idempotent(@ForAll("cases") Tuple2<CallingWindow, Instant> c) {
    Instant opening = c.get1().nextOpening(c.get2());
    assertEquals(opening, c.get1().nextOpening(opening), () -> describe(c));
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return WindowArbitraries.zones();
  }

  @Provide
  Arbitrary<Instant> instants() {
    return WindowArbitraries.instants();
  }

  /**
   * Fails the property unless the cases reach what SPEC §3 promises beyond today's calendar: dates
   * before 1900 and after 2300 (where the engine reads the zone's rules instead of its table),
   * dates beyond ten thousand years, and local mean time offsets that are not whole minutes.
   */
  private static void collectReach(ZoneId zone, Instant t) {
    int year = LocalDateTime.ofInstant(t, ZoneOffset.UTC).getYear();
    String era =
        Math.abs(year) > 10_000
            ? "beyond 10000 years"
            : year < 1900 ? "before 1900" : year >= 2300 ? "from 2300" : "1900-2299";
    boolean oddSeconds = zone.getRules().getOffset(t).getTotalSeconds() % 60 != 0;
    Statistics.label("era").collect(era);
    Statistics.label("offset").collect(oddSeconds ? "not whole minutes" : "whole minutes");
    Statistics.label("era")
        .coverage(
            check -> {
              check.check("before 1900").percentage(p -> p >= 5);
              check.check("from 2300").percentage(p -> p >= 5);
              check.check("beyond 10000 years").percentage(p -> p >= 2);
            });
    Statistics.label("offset")
        .coverage(check -> check.check("not whole minutes").percentage(p -> p >= 2));
  }

  private static String describe(Tuple2<CallingWindow, Instant> c) {
    return c.get1() + " at " + c.get2();
  }

  /** SPEC §3 read literally off the local date-time; shares no code with {@link CallingWindow}. */
  private static final class Model {
    private final ZoneId zone;
    private final int startSecond;
    private final int endSecond;
    private final Set<DayOfWeek> days;

    Model(CallingWindow window) {
      this.zone = window.zone();
      this.startSecond = window.startMinute() * 60;
      this.endSecond = window.endMinute() * 60;
      this.days = EnumSet.copyOf(window.days());
    }

    boolean isOpen(Instant t) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      int second = local.toLocalTime().toSecondOfDay();
      DayOfWeek day = local.getDayOfWeek();
      if (startSecond < endSecond) {
        return days.contains(day) && second >= startSecond && second < endSecond;
      }
      return (second >= startSecond && days.contains(day))
          || (second < endSecond && days.contains(day.minus(1)));
    }

    boolean neverCloses() {
      return startSecond == 0 && endSecond == 86_400 && days.size() == 7;
    }
  }
}
