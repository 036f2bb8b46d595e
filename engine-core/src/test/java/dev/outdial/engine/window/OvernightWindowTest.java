package dev.outdial.engine.window;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallingWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3, start > end: a night belongs to the day it begins on. New York is on UTC-5 in January;
 * 2024-01-19 is a Friday.
 */
class OvernightWindowTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private final CallingWindow fridayNight =
      CallingWindow.of(NEW_YORK, 18 * 60, 2 * 60, EnumSet.of(FRIDAY));

  @Test
  void overnight_window_on_friday_is_open_friday_night_not_friday_early_morning() {
    assertFalse(fridayNight.isOpen(at("2024-01-19T06:00:00Z")), "Friday 01:00");
    assertFalse(fridayNight.isOpen(at("2024-01-19T05:00:00Z")), "Friday 00:00");
    assertFalse(fridayNight.isOpen(at("2024-01-19T22:59:59Z")), "Friday 17:59:59");
    assertTrue(fridayNight.isOpen(at("2024-01-19T23:00:00Z")), "Friday 18:00");
    assertTrue(fridayNight.isOpen(at("2024-01-20T05:00:00Z")), "Saturday 00:00");
    assertTrue(fridayNight.isOpen(at("2024-01-20T06:59:59Z")), "Saturday 01:59:59");
    assertFalse(fridayNight.isOpen(at("2024-01-20T07:00:00Z")), "Saturday 02:00");
  }

  @Test
  void overnight_window_is_closed_on_the_evening_of_a_day_not_allowed() {
    assertFalse(fridayNight.isOpen(at("2024-01-20T23:00:00Z")), "Saturday 18:00");
    assertFalse(fridayNight.isOpen(at("2024-01-21T05:30:00Z")), "Sunday 00:30");
  }

  @Test
  void next_opening_from_friday_early_morning_is_friday_evening() {
    assertEquals(at("2024-01-19T23:00:00Z"), fridayNight.nextOpening(at("2024-01-19T06:00:00Z")));
    assertEquals(at("2024-01-19T23:00:00Z"), fridayNight.nextOpening(at("2024-01-19T22:59:59Z")));
  }

  @Test
  void next_opening_after_the_night_ends_is_the_following_friday() {
    assertEquals(at("2024-01-26T23:00:00Z"), fridayNight.nextOpening(at("2024-01-20T07:00:00Z")));
  }

  @Test
  void next_closing_during_the_night_is_the_end_minute_of_the_following_day() {
    assertEquals(
        close("2024-01-20T07:00:00Z"), fridayNight.nextClosing(at("2024-01-20T01:00:00Z")));
    assertEquals(
        close("2024-01-20T07:00:00Z"), fridayNight.nextClosing(at("2024-01-20T06:59:59Z")));
    assertEquals(
        close("2024-01-27T07:00:00Z"), fridayNight.nextClosing(at("2024-01-20T07:00:00Z")));
  }

  @Test
  void the_night_opens_at_its_start_instant_and_closes_at_its_end_instant_to_the_nanosecond() {
    Instant opening = at("2024-01-19T23:00:00Z"); // Friday 18:00
    Instant closing = at("2024-01-20T07:00:00Z"); // Saturday 02:00
    assertFalse(fridayNight.isOpen(opening.minusNanos(1)));
    assertTrue(fridayNight.isOpen(opening));
    assertEquals(opening, fridayNight.nextOpening(opening.minusNanos(1)));
    assertEquals(close("2024-01-20T07:00:00Z"), fridayNight.nextClosing(opening.minusNanos(1)));
    assertTrue(fridayNight.isOpen(closing.minusNanos(1)));
    assertFalse(fridayNight.isOpen(closing));
    assertEquals(close("2024-01-20T07:00:00Z"), fridayNight.nextClosing(closing.minusNanos(1)));
    assertEquals(close("2024-01-27T07:00:00Z"), fridayNight.nextClosing(closing));
    assertEquals(at("2024-01-26T23:00:00Z"), fridayNight.nextOpening(closing));
  }

  @Test
  void friday_early_morning_is_open_when_thursday_night_is_allowed() {
    CallingWindow nights =
        CallingWindow.of(NEW_YORK, 18 * 60, 2 * 60, EnumSet.of(THURSDAY, FRIDAY));
    assertTrue(nights.isOpen(at("2024-01-19T06:00:00Z")), "Friday 01:00");
    assertEquals(close("2024-01-19T07:00:00Z"), nights.nextClosing(at("2024-01-19T06:00:00Z")));
    assertEquals(at("2024-01-19T23:00:00Z"), nights.nextOpening(at("2024-01-19T07:00:00Z")));
  }

  @Test
  void one_minute_either_side_of_midnight_belongs_to_the_allowed_day_that_starts_it() {
    // 2024-01-21 is a Sunday: open Sunday 23:59 to Monday 00:01.
    CallingWindow aroundMidnight = CallingWindow.of(NEW_YORK, 1439, 1, EnumSet.of(SUNDAY));
    assertFalse(aroundMidnight.isOpen(at("2024-01-22T04:58:59Z")));
    assertTrue(aroundMidnight.isOpen(at("2024-01-22T04:59:00Z")));
    assertTrue(aroundMidnight.isOpen(at("2024-01-22T05:00:59Z")));
    assertFalse(aroundMidnight.isOpen(at("2024-01-22T05:01:00Z")));
    assertFalse(aroundMidnight.isOpen(at("2024-01-23T05:00:00Z")), "Tuesday 00:00");
    assertEquals(
        close("2024-01-22T05:01:00Z"), aroundMidnight.nextClosing(at("2024-01-21T00:00:00Z")));
  }

  @Test
  void overnight_is_reported_only_when_the_start_minute_is_after_the_end_minute() {
    assertTrue(fridayNight.overnight());
    assertFalse(CallingWindow.of(NEW_YORK, 0, 1440, EnumSet.of(MONDAY)).overnight());
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static Optional<Instant> close(String instant) {
    return Optional.of(Instant.parse(instant));
  }
}
