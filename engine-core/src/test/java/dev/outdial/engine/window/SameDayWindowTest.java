package dev.outdial.engine.window;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §3, start < end: open on allowed local days from the start minute to the end minute. */
class SameDayWindowTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** 09:00-18:00 Monday to Friday; London is on UTC in January, so local = Z. */
  private final CallingWindow officeHours =
      CallingWindow.of(LONDON, 9 * 60, 18 * 60, EnumSet.range(MONDAY, FRIDAY));

  @Test
  void window_opens_exactly_at_the_start_minute() {
    assertFalse(officeHours.isOpen(at("2024-01-15T08:59:59Z")));
    assertTrue(officeHours.isOpen(at("2024-01-15T09:00:00Z")));
    assertTrue(officeHours.isOpen(at("2024-01-15T09:00:01Z")));
  }

  @Test
  void window_is_closed_from_the_end_minute_on() {
    assertTrue(officeHours.isOpen(at("2024-01-15T17:59:59.999999999Z")));
    assertFalse(officeHours.isOpen(at("2024-01-15T18:00:00Z")));
    assertFalse(officeHours.isOpen(at("2024-01-15T18:00:01Z")));
  }

  @Test
  void window_is_open_from_its_opening_nanosecond_to_the_last_nanosecond_before_its_closing() {
    Instant opening = at("2024-01-15T09:00:00Z");
    Instant closing = at("2024-01-15T18:00:00Z");
    assertFalse(officeHours.isOpen(opening.minusNanos(1)));
    assertTrue(officeHours.isOpen(opening));
    assertTrue(officeHours.isOpen(opening.plusNanos(1)));
    assertTrue(officeHours.isOpen(closing.minusNanos(1)));
    assertFalse(officeHours.isOpen(closing));
    assertFalse(officeHours.isOpen(closing.plusNanos(1)));
  }

  @Test
  void next_opening_one_nanosecond_before_the_start_is_the_start_and_from_the_start_on_is_now() {
    Instant opening = at("2024-01-15T09:00:00Z");
    assertEquals(opening, officeHours.nextOpening(opening.minusNanos(1)));
    assertEquals(opening, officeHours.nextOpening(opening));
    assertEquals(opening.plusNanos(1), officeHours.nextOpening(opening.plusNanos(1)));
  }

  @Test
  void next_closing_one_nanosecond_before_the_end_is_the_end_and_at_the_end_is_the_next_days() {
    Instant closing = at("2024-01-15T18:00:00Z");
    assertEquals(
        Optional.of(closing), officeHours.nextClosing(at("2024-01-15T08:59:59.999999999Z")));
    assertEquals(Optional.of(closing), officeHours.nextClosing(closing.minusNanos(1)));
    assertEquals(close("2024-01-16T18:00:00Z"), officeHours.nextClosing(closing));
    assertEquals(close("2024-01-16T18:00:00Z"), officeHours.nextClosing(closing.plusNanos(1)));
    assertEquals(at("2024-01-16T09:00:00Z"), officeHours.nextOpening(closing));
  }

  @Test
  void next_opening_before_the_start_is_the_start_of_that_day() {
    assertEquals(at("2024-01-15T09:00:00Z"), officeHours.nextOpening(at("2024-01-15T07:00:00Z")));
    assertEquals(at("2024-01-15T09:00:00Z"), officeHours.nextOpening(at("2024-01-15T08:59:59Z")));
    assertEquals(at("2024-01-15T09:00:00Z"), officeHours.nextOpening(at("2024-01-15T08:59:59.5Z")));
  }

  @Test
  void next_opening_while_open_is_the_instant_itself_to_the_nano() {
    Instant t = at("2024-01-15T10:00:00.123456789Z");
    assertEquals(t, officeHours.nextOpening(t));
  }

  @Test
  void next_opening_after_the_end_is_the_start_of_the_next_allowed_day() {
    assertEquals(at("2024-01-16T09:00:00Z"), officeHours.nextOpening(at("2024-01-15T18:00:00Z")));
    assertEquals(at("2024-01-22T09:00:00Z"), officeHours.nextOpening(at("2024-01-19T18:00:00Z")));
  }

  @Test
  void next_closing_while_open_is_the_end_minute_of_that_day() {
    assertEquals(
        close("2024-01-15T18:00:00Z"), officeHours.nextClosing(at("2024-01-15T09:00:00Z")));
    assertEquals(
        close("2024-01-15T18:00:00Z"), officeHours.nextClosing(at("2024-01-15T17:59:59Z")));
  }

  @Test
  void next_closing_while_closed_is_the_end_of_the_next_open_stretch() {
    assertEquals(
        close("2024-01-16T18:00:00Z"), officeHours.nextClosing(at("2024-01-15T18:00:00Z")));
    assertEquals(
        close("2024-01-22T18:00:00Z"), officeHours.nextClosing(at("2024-01-20T12:00:00Z")));
  }

  @Test
  void window_follows_the_local_clock_not_utc_in_summer_time() {
    // 2024-07-15 is a Monday; London is on UTC+1, so 09:00 local is 08:00Z.
    assertFalse(officeHours.isOpen(at("2024-07-15T07:59:59Z")));
    assertTrue(officeHours.isOpen(at("2024-07-15T08:00:00Z")));
    assertEquals(
        close("2024-07-15T17:00:00Z"), officeHours.nextClosing(at("2024-07-15T08:00:00Z")));
  }

  @Test
  void window_ending_at_minute_1440_closes_at_the_next_local_midnight() {
    CallingWindow lateMonday = CallingWindow.of(LONDON, 22 * 60, 1440, EnumSet.of(MONDAY));
    assertTrue(lateMonday.isOpen(at("2024-01-15T23:59:59Z")));
    assertFalse(lateMonday.isOpen(at("2024-01-16T00:00:00Z")));
    assertEquals(close("2024-01-16T00:00:00Z"), lateMonday.nextClosing(at("2024-01-15T22:00:00Z")));
  }

  @Test
  void local_mean_time_offsets_that_are_not_whole_minutes_are_exact_to_the_second() {
    // Before December 1847 London kept local mean time, UTC-00:01:15: 09:00 local = 09:01:15Z.
    CallingWindow everyDay =
        CallingWindow.of(LONDON, 9 * 60, 18 * 60, EnumSet.allOf(DayOfWeek.class));
    assertFalse(everyDay.isOpen(at("1800-01-01T09:01:14Z")));
    assertTrue(everyDay.isOpen(at("1800-01-01T09:01:15Z")));
    assertEquals(at("1800-01-01T09:01:15Z"), everyDay.nextOpening(at("1800-01-01T00:00:00Z")));
    assertEquals(close("1800-01-01T18:01:15Z"), everyDay.nextClosing(at("1800-01-01T12:00:00Z")));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static Optional<Instant> close(String instant) {
    return Optional.of(Instant.parse(instant));
  }
}
