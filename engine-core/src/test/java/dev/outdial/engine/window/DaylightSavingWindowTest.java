package dev.outdial.engine.window;

import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3 daylight saving: skipped local times never occur, repeated ones are inside the window
 * both times. Every instant below comes from the zone's real 2024 transitions.
 */
class DaylightSavingWindowTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
  private static final ZoneId HAVANA = ZoneId.of("America/Havana");

  @Test
  void spring_forward_gap_opens_a_0230_window_at_0300_local() {
    // New York, Sunday 2024-03-10: 02:00 EST jumps to 03:00 EDT at 07:00Z.
    CallingWindow w = window(NEW_YORK, "02:30", "03:30", SUNDAY);
    assertFalse(w.isOpen(at("2024-03-10T06:59:59Z")), "01:59:59 EST");
    assertTrue(w.isOpen(at("2024-03-10T07:00:00Z")), "03:00 EDT");
    assertEquals(at("2024-03-10T07:00:00Z"), w.nextOpening(at("2024-03-10T05:00:00Z")));
    assertEquals(at("2024-03-10T07:00:00Z"), w.nextOpening(at("2024-03-10T06:59:59Z")));
    assertEquals(close("2024-03-10T07:30:00Z"), w.nextClosing(at("2024-03-10T06:59:59Z")));
    assertFalse(w.isOpen(at("2024-03-10T07:30:00Z")), "03:30 EDT");
  }

  @Test
  void spring_forward_opens_a_window_starting_in_the_gap_at_the_transition_in_london() {
    // London, Sunday 2024-03-31: 01:00 GMT jumps to 02:00 BST at 01:00Z.
    CallingWindow w = window(LONDON, "01:30", "02:30", SUNDAY);
    assertFalse(w.isOpen(at("2024-03-31T00:59:59Z")));
    assertTrue(w.isOpen(at("2024-03-31T01:00:00Z")));
    assertEquals(at("2024-03-31T01:00:00Z"), w.nextOpening(at("2024-03-30T12:00:00Z")));
    assertEquals(close("2024-03-31T01:30:00Z"), w.nextClosing(at("2024-03-31T01:00:00Z")));
  }

  @Test
  void a_window_wholly_inside_a_gap_does_not_open_that_day() {
    CallingWindow w = window(LONDON, "01:10", "01:50", SUNDAY);
    assertEquals(at("2024-04-07T00:10:00Z"), w.nextOpening(at("2024-03-31T00:00:00Z")));
    assertEquals(close("2024-04-07T00:50:00Z"), w.nextClosing(at("2024-03-31T00:00:00Z")));
  }

  @Test
  void spring_forward_cuts_an_overnight_window_short_when_its_end_is_skipped() {
    // Saturday 22:00 EST is 2024-03-10T03:00Z; 02:30 local never comes, 03:00 EDT is past it.
    CallingWindow w = window(NEW_YORK, "22:00", "02:30", SATURDAY);
    assertTrue(w.isOpen(at("2024-03-10T06:59:59Z")));
    assertFalse(w.isOpen(at("2024-03-10T07:00:00Z")));
    assertEquals(close("2024-03-10T07:00:00Z"), w.nextClosing(at("2024-03-10T03:00:00Z")));
  }

  @Test
  void fall_back_overlap_closes_and_reopens_a_0130_window_within_one_local_date() {
    // New York, Sunday 2024-11-03: 02:00 EDT falls back to 01:00 EST at 06:00Z.
    CallingWindow w = window(NEW_YORK, "01:30", "03:00", SUNDAY);
    assertFalse(w.isOpen(at("2024-11-03T05:29:59Z")), "01:29:59 EDT");
    assertTrue(w.isOpen(at("2024-11-03T05:30:00Z")), "01:30 EDT");
    assertTrue(w.isOpen(at("2024-11-03T05:59:59Z")), "01:59:59 EDT");
    assertFalse(w.isOpen(at("2024-11-03T06:00:00Z")), "01:00 EST");
    assertTrue(w.isOpen(at("2024-11-03T06:30:00Z")), "01:30 EST");
    assertEquals(close("2024-11-03T06:00:00Z"), w.nextClosing(at("2024-11-03T05:30:00Z")));
    assertEquals(at("2024-11-03T06:30:00Z"), w.nextOpening(at("2024-11-03T06:00:00Z")));
    assertEquals(close("2024-11-03T08:00:00Z"), w.nextClosing(at("2024-11-03T06:00:00Z")));
  }

  @Test
  void fall_back_repeated_minutes_are_inside_the_window_both_times() {
    CallingWindow w = window(NEW_YORK, "00:00", "01:30", SUNDAY);
    assertEquals(close("2024-11-03T05:30:00Z"), w.nextClosing(at("2024-11-03T04:00:00Z")));
    assertEquals(at("2024-11-03T06:00:00Z"), w.nextOpening(at("2024-11-03T05:30:00Z")));
    assertEquals(close("2024-11-03T06:30:00Z"), w.nextClosing(at("2024-11-03T06:00:00Z")));
  }

  @Test
  void fall_back_lengthens_an_overnight_window_by_the_repeated_hour() {
    // Saturday 22:00 EDT is 02:00Z; 02:00 EST is 07:00Z: a five-hour night.
    CallingWindow w = window(NEW_YORK, "22:00", "02:00", SATURDAY);
    assertEquals(close("2024-11-03T07:00:00Z"), w.nextClosing(at("2024-11-03T02:00:00Z")));
    assertTrue(w.isOpen(at("2024-11-03T06:00:00Z")), "01:00 EST");
    assertTrue(w.isOpen(at("2024-11-03T06:59:59Z")), "01:59:59 EST");
  }

  @Test
  void fall_back_closes_and_reopens_a_window_in_london() {
    // London, Sunday 2024-10-27: 02:00 BST falls back to 01:00 GMT at 01:00Z.
    CallingWindow w = window(LONDON, "01:30", "03:00", SUNDAY);
    assertEquals(close("2024-10-27T01:00:00Z"), w.nextClosing(at("2024-10-27T00:30:00Z")));
    assertFalse(w.isOpen(at("2024-10-27T01:00:00Z")));
    assertEquals(at("2024-10-27T01:30:00Z"), w.nextOpening(at("2024-10-27T01:00:00Z")));
    assertEquals(close("2024-10-27T03:00:00Z"), w.nextClosing(at("2024-10-27T01:30:00Z")));
  }

  @Test
  void half_hour_fall_back_on_lord_howe_repeats_0130_to_0200() {
    // Sunday 2024-04-07: 02:00 +11:00 falls back to 01:30 +10:30 at 2024-04-06T15:00Z.
    CallingWindow w = window(LORD_HOWE, "01:45", "03:00", SUNDAY);
    assertTrue(w.isOpen(at("2024-04-06T14:59:59Z")), "01:59:59 +11");
    assertFalse(w.isOpen(at("2024-04-06T15:00:00Z")), "01:30 +10:30");
    assertEquals(close("2024-04-06T15:00:00Z"), w.nextClosing(at("2024-04-06T14:45:00Z")));
    assertEquals(at("2024-04-06T15:15:00Z"), w.nextOpening(at("2024-04-06T15:00:00Z")));
    assertEquals(close("2024-04-06T16:30:00Z"), w.nextClosing(at("2024-04-06T15:15:00Z")));
  }

  @Test
  void half_hour_spring_forward_on_lord_howe_opens_a_0215_window_at_0230() {
    // Sunday 2024-10-06: 02:00 +10:30 jumps to 02:30 +11:00 at 2024-10-05T15:30Z.
    CallingWindow w = window(LORD_HOWE, "02:15", "02:45", SUNDAY);
    assertFalse(w.isOpen(at("2024-10-05T15:29:59Z")));
    assertTrue(w.isOpen(at("2024-10-05T15:30:00Z")));
    assertEquals(at("2024-10-05T15:30:00Z"), w.nextOpening(at("2024-10-05T12:00:00Z")));
    assertEquals(close("2024-10-05T15:45:00Z"), w.nextClosing(at("2024-10-05T15:30:00Z")));
  }

  @Test
  void skipped_midnight_starts_the_local_day_at_0100_in_havana() {
    ZoneOffsetTransition change =
        HAVANA.getRules().getTransition(LocalDateTime.parse("2024-03-10T00:00"));
    assertNotNull(change, "Havana's midnight of Sunday 2024-03-10 must fall in a gap");
    assertTrue(change.isGap());
    assertEquals(at("2024-03-10T05:00:00Z"), change.getInstant());

    CallingWindow sunday = CallingWindow.wholeDays(HAVANA, EnumSet.of(SUNDAY));
    assertFalse(sunday.isOpen(at("2024-03-10T04:59:59Z")), "Saturday 23:59:59 -05");
    assertTrue(sunday.isOpen(at("2024-03-10T05:00:00Z")), "Sunday 01:00 -04");
    assertEquals(at("2024-03-10T05:00:00Z"), sunday.nextOpening(at("2024-03-09T12:00:00Z")));
    assertEquals(close("2024-03-11T04:00:00Z"), sunday.nextClosing(at("2024-03-10T05:00:00Z")));
  }

  @Test
  void skipped_midnight_ends_an_overnight_window_at_the_transition() {
    // Saturday 22:00 -05 is 03:00Z; at 05:00Z the clock shows 01:00, past the 00:30 end.
    CallingWindow w = window(HAVANA, "22:00", "00:30", SATURDAY);
    assertTrue(w.isOpen(at("2024-03-10T04:59:59Z")));
    assertFalse(w.isOpen(at("2024-03-10T05:00:00Z")));
    assertEquals(close("2024-03-10T05:00:00Z"), w.nextClosing(at("2024-03-10T03:00:00Z")));
  }

  @Test
  void a_window_inside_a_skipped_midnight_hour_waits_a_week() {
    CallingWindow w = window(HAVANA, "00:00", "00:30", SUNDAY);
    assertEquals(at("2024-03-17T04:00:00Z"), w.nextOpening(at("2024-03-09T12:00:00Z")));
  }

  @Test
  void summer_time_after_2300_still_follows_the_zone_rules_london_0900_bst_on_2350_07_15() {
    // Saturday 2350-07-15: the UK's rules still give BST (UTC+1), so 09:00 local is 08:00Z.
    CallingWindow w = window(LONDON, "09:00", "17:00", SATURDAY);
    assertFalse(w.isOpen(at("2350-07-15T07:59:59Z")), "08:59:59 BST");
    assertTrue(w.isOpen(at("2350-07-15T08:00:00Z")), "09:00 BST");
    assertEquals(at("2350-07-15T08:00:00Z"), w.nextOpening(at("2350-07-14T12:00:00Z")));
    assertEquals(close("2350-07-15T16:00:00Z"), w.nextClosing(at("2350-07-15T08:00:00Z")));
  }

  @Test
  void the_last_change_before_2300_and_the_first_after_it_move_the_window_as_any_other() {
    // London falls back on Sunday 2299-10-29 and springs forward on Sunday 2300-03-25.
    CallingWindow sundays = window(LONDON, "09:00", "10:00", SUNDAY);
    assertEquals(at("2299-10-29T09:00:00Z"), sundays.nextOpening(at("2299-10-28T12:00:00Z")));
    assertEquals(at("2300-03-25T08:00:00Z"), sundays.nextOpening(at("2300-03-20T00:00:00Z")));
    assertEquals(close("2300-03-25T09:00:00Z"), sundays.nextClosing(at("2300-03-25T08:30:00Z")));
  }

  private static CallingWindow window(ZoneId zone, String start, String end, DayOfWeek day) {
    return CallingWindow.of(zone, minute(start), minute(end), EnumSet.of(day));
  }

  private static int minute(String clock) {
    return Integer.parseInt(clock.substring(0, 2)) * 60 + Integer.parseInt(clock.substring(3));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static Optional<Instant> close(String instant) {
    return Optional.of(Instant.parse(instant));
  }
}
