package dev.outdial.engine.validation;

import static dev.outdial.engine.validation.ValidationFixtures.accept;
import static dev.outdial.engine.validation.ValidationFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §3 as far as the request goes: which window a request's fields describe. */
class CallingWindowNormalisationTest {

  private static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");
  private static final EnumSet<DayOfWeek> WEEKDAYS =
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  @Test
  void no_window_fields_means_no_window() {
    assertNull(accept(valid()).window());
  }

  @Test
  void minutes_and_days_make_a_window_in_the_campaign_zone() {
    assertEquals(
        CallingWindow.of(DUBAI, 540, 1080, WEEKDAYS),
        accept(valid().window(540, 1080).windowDays(List.of("mon", "tue", "wed", "thu", "fri")))
            .window());
  }

  @Test
  void window_minutes_without_days_run_every_day() {
    assertEquals(
        CallingWindow.of(DUBAI, 1080, 120, EnumSet.allOf(DayOfWeek.class)),
        accept(valid().window(1080, 120)).window());
  }

  @Test
  void window_days_without_minutes_mean_whole_days() {
    assertEquals(
        CallingWindow.wholeDays(DUBAI, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)),
        accept(valid().windowDays(List.of("SAT", "sun", "Sat"))).window());
  }
}
