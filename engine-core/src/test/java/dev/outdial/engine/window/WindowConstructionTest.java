package dev.outdial.engine.window;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Windows are checked once, at construction, with errors naming the value that was wrong. */
class WindowConstructionTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Set<DayOfWeek> MONDAYS = EnumSet.of(MONDAY);

  @Test
  void start_minute_outside_0_to_1439_is_rejected_naming_it() {
    assertMessage("startMinute -1 ", () -> CallingWindow.of(LONDON, -1, 60, MONDAYS));
    assertMessage("startMinute 1440 ", () -> CallingWindow.of(LONDON, 1440, 60, MONDAYS));
  }

  @Test
  void end_minute_outside_1_to_1440_is_rejected_naming_it() {
    assertMessage("endMinute 0 ", () -> CallingWindow.of(LONDON, 60, 0, MONDAYS));
    assertMessage("endMinute 1441 ", () -> CallingWindow.of(LONDON, 60, 1441, MONDAYS));
  }

  @Test
  void equal_start_and_end_minutes_are_rejected_as_an_empty_window() {
    assertMessage("both 600", () -> CallingWindow.of(LONDON, 600, 600, MONDAYS));
  }

  @Test
  void an_empty_day_set_is_rejected() {
    assertMessage("days is empty", () -> CallingWindow.of(LONDON, 60, 120, Set.of()));
    assertMessage(
        "days is empty", () -> CallingWindow.wholeDays(LONDON, EnumSet.noneOf(DayOfWeek.class)));
  }

  @Test
  void the_edge_minutes_0_1439_and_1440_are_accepted() {
    assertEquals(1439, CallingWindow.of(LONDON, 1439, 1440, MONDAYS).startMinute());
    assertEquals(1, CallingWindow.of(LONDON, 0, 1, MONDAYS).endMinute());
    assertTrue(CallingWindow.of(LONDON, 1439, 1, MONDAYS).overnight());
  }

  @Test
  void days_are_an_unmodifiable_copy() {
    Set<DayOfWeek> days = EnumSet.of(MONDAY, TUESDAY);
    CallingWindow window = CallingWindow.of(LONDON, 60, 120, days);
    days.add(FRIDAY);
    assertEquals(EnumSet.of(MONDAY, TUESDAY), window.days());
    assertThrows(UnsupportedOperationException.class, () -> window.days().add(FRIDAY));
  }

  @Test
  void windows_are_equal_by_zone_minutes_and_days() {
    CallingWindow window = CallingWindow.of(LONDON, 540, 1080, EnumSet.of(MONDAY, TUESDAY));
    CallingWindow same = CallingWindow.of(LONDON, 540, 1080, Set.of(TUESDAY, MONDAY));
    assertEquals(window, same);
    assertEquals(window.hashCode(), same.hashCode());
    assertNotEquals(window, CallingWindow.of(LONDON, 540, 1081, EnumSet.of(MONDAY, TUESDAY)));
    assertNotEquals(
        window, CallingWindow.of(ZoneId.of("UTC"), 540, 1080, EnumSet.of(MONDAY, TUESDAY)));
  }

  @Test
  void to_string_shows_local_times_days_and_zone() {
    assertEquals(
        "CallingWindow[09:00-18:00 MON,TUE Europe/London]",
        CallingWindow.of(LONDON, 540, 1080, EnumSet.of(TUESDAY, MONDAY)).toString());
    assertEquals(
        "CallingWindow[00:00-24:00 FRI Europe/London]",
        CallingWindow.wholeDays(LONDON, EnumSet.of(FRIDAY)).toString());
  }

  private static void assertMessage(String expected, Runnable construction) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
