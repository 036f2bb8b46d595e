package dev.outdial.engine.window;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3 allowed days: judged on the local date, whole days when no minutes are given, every day
 * when no days are given. London is on UTC in January; 2024-01-15 is a Monday.
 */
class WeekdayWindowTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private final CallingWindow weekdays =
      CallingWindow.wholeDays(LONDON, EnumSet.range(MONDAY, FRIDAY));

  @Test
  void whole_days_run_from_local_midnight_to_local_midnight() {
    assertFalse(weekdays.isOpen(at("2024-01-14T23:59:59Z")), "Sunday 23:59:59");
    assertTrue(weekdays.isOpen(at("2024-01-15T00:00:00Z")), "Monday 00:00");
    assertTrue(weekdays.isOpen(at("2024-01-19T23:59:59Z")), "Friday 23:59:59");
    assertFalse(weekdays.isOpen(at("2024-01-20T00:00:00Z")), "Saturday 00:00");
  }

  @Test
  void consecutive_whole_days_are_one_open_stretch_closing_after_the_last() {
    assertEquals(close("2024-01-20T00:00:00Z"), weekdays.nextClosing(at("2024-01-15T00:00:00Z")));
    assertEquals(close("2024-01-20T00:00:00Z"), weekdays.nextClosing(at("2024-01-16T23:59:59Z")));
    assertEquals(close("2024-01-27T00:00:00Z"), weekdays.nextClosing(at("2024-01-20T00:00:00Z")));
  }

  @Test
  void next_opening_on_a_weekend_is_monday_midnight() {
    assertEquals(at("2024-01-22T00:00:00Z"), weekdays.nextOpening(at("2024-01-20T00:00:00Z")));
    assertEquals(at("2024-01-22T00:00:00Z"), weekdays.nextOpening(at("2024-01-21T23:59:59Z")));
  }

  @Test
  void a_whole_sunday_closes_at_monday_midnight() {
    CallingWindow sunday = CallingWindow.wholeDays(LONDON, EnumSet.of(SUNDAY));
    assertEquals(at("2024-01-21T00:00:00Z"), sunday.nextOpening(at("2024-01-15T12:00:00Z")));
    assertEquals(close("2024-01-22T00:00:00Z"), sunday.nextClosing(at("2024-01-15T12:00:00Z")));
  }

  @Test
  void every_day_but_one_closes_once_a_week() {
    CallingWindow notSaturday =
        CallingWindow.wholeDays(LONDON, EnumSet.complementOf(EnumSet.of(SATURDAY)));
    assertEquals(
        close("2024-01-20T00:00:00Z"), notSaturday.nextClosing(at("2024-01-15T12:00:00Z")));
    assertEquals(at("2024-01-21T00:00:00Z"), notSaturday.nextOpening(at("2024-01-20T00:00:00Z")));
    assertEquals(
        close("2024-01-27T00:00:00Z"), notSaturday.nextClosing(at("2024-01-21T00:00:00Z")));
  }

  @Test
  void a_same_day_window_is_closed_on_days_not_allowed() {
    CallingWindow tuesdays = CallingWindow.of(LONDON, 9 * 60, 17 * 60, EnumSet.of(TUESDAY));
    assertFalse(tuesdays.isOpen(at("2024-01-15T10:00:00Z")), "Monday");
    assertTrue(tuesdays.isOpen(at("2024-01-16T10:00:00Z")), "Tuesday");
    assertFalse(tuesdays.isOpen(at("2024-01-17T10:00:00Z")), "Wednesday");
    assertEquals(at("2024-01-23T09:00:00Z"), tuesdays.nextOpening(at("2024-01-16T17:00:00Z")));
  }

  @Test
  void the_day_of_week_is_the_local_one_not_utc() {
    // Auckland is on UTC+13 in January: Sunday 20:00Z is Monday 09:00 there.
    CallingWindow mondays =
        CallingWindow.of(ZoneId.of("Pacific/Auckland"), 9 * 60, 17 * 60, EnumSet.of(MONDAY));
    assertTrue(mondays.isOpen(at("2024-01-14T20:00:00Z")));
    assertFalse(mondays.isOpen(at("2024-01-15T04:00:00Z")), "Monday 17:00 local");
  }

  @Test
  void always_is_open_at_every_instant_and_never_closes() {
    for (String zone : List.of("UTC", "Europe/London", "Australia/Lord_Howe", "America/Havana")) {
      CallingWindow always = CallingWindow.always(ZoneId.of(zone));
      for (Instant t :
          List.of(
              at("1900-01-01T00:00:00Z"),
              at("2024-03-31T01:00:00Z"),
              at("2300-06-30T12:00:00.5Z"))) {
        assertTrue(always.isOpen(t), zone + " " + t);
        assertEquals(t, always.nextOpening(t), zone + " " + t);
        assertEquals(Optional.empty(), always.nextClosing(t), zone + " " + t);
      }
    }
  }

  @Test
  void always_equals_whole_days_on_all_seven_days() {
    assertEquals(
        CallingWindow.always(LONDON),
        CallingWindow.wholeDays(LONDON, EnumSet.allOf(DayOfWeek.class)));
    assertEquals(
        CallingWindow.of(LONDON, 0, 1440, EnumSet.of(FRIDAY)),
        CallingWindow.wholeDays(LONDON, EnumSet.of(FRIDAY)));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static Optional<Instant> close(String instant) {
    return Optional.of(Instant.parse(instant));
  }
}
