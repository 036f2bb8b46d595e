package dev.outdial.engine.internal.time;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** SPEC §3: the calling window a checked request describes, in the campaign's zone, if any. */
public final class BuildWindow {

  private static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "mon", DayOfWeek.MONDAY,
          "tue", DayOfWeek.TUESDAY,
          "wed", DayOfWeek.WEDNESDAY,
          "thu", DayOfWeek.THURSDAY,
          "fri", DayOfWeek.FRIDAY,
          "sat", DayOfWeek.SATURDAY,
          "sun", DayOfWeek.SUNDAY);

  private BuildWindow() {}

  /** The window, or {@code null} when the request sets neither minutes nor days. */
  public static @Nullable CallingWindow of(BatchCampaignRequest checked, ZoneId zone) {
    Integer start = checked.windowStartMinutes();
    Integer end = checked.windowEndMinutes();
    List<String> dayNames = checked.windowDays();
    if (start == null && dayNames == null) {
      return null;
    }
    Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
    if (dayNames != null) {
      days = EnumSet.noneOf(DayOfWeek.class);
      for (String name : dayNames) {
        days.add(Objects.requireNonNull(dayOf(name)));
      }
    }
    return start == null
        ? CallingWindow.wholeDays(zone, days)
        : CallingWindow.of(zone, start, Objects.requireNonNull(end), days);
  }

  /** The day a {@code window_days} entry names ({@code mon}..{@code sun}, any case), or null. */
  public static @Nullable DayOfWeek dayOf(String name) {
    return DAYS.get(name.toLowerCase(Locale.ROOT));
  }
}
