package dev.outdial.engine.internal.compliance;

import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The local hours in which a jurisdiction allows calls to start, per day of week, with the law that
 * says so. A day without hours allows no call at all.
 *
 * @param name the rule table key ({@code US}, {@code US-WA}), or keys joined by {@code +} for the
 *     strictest of several rules ({@code US+US-WA})
 * @param hours allowed hours per day; days absent allow nothing; copied, unmodifiable
 * @param citations the law behind each rule combined here, in the order combined; not empty
 */
public record HoursRule(String name, Map<DayOfWeek, DailyHours> hours, List<String> citations) {

  public HoursRule {
    Objects.requireNonNull(name, "name");
    hours = Collections.unmodifiableMap(copy(hours));
    citations = List.copyOf(citations);
    if (citations.isEmpty()) {
      throw new IllegalArgumentException("rule " + name + " cites no law");
    }
  }

  private static EnumMap<DayOfWeek, DailyHours> copy(Map<DayOfWeek, DailyHours> hours) {
    EnumMap<DayOfWeek, DailyHours> copy = new EnumMap<>(DayOfWeek.class);
    copy.putAll(hours);
    return copy;
  }

  /** The hours allowed on {@code day}, empty when no call may start that day. */
  public Optional<DailyHours> on(DayOfWeek day) {
    return Optional.ofNullable(hours.get(day));
  }

  /**
   * The rule allowing only what both allow: per day the later start and the earlier end, and no
   * hours where they do not overlap. Named {@code this.name + "+" + other.name}, citing both.
   */
  public HoursRule strictest(HoursRule other) {
    EnumMap<DayOfWeek, DailyHours> both = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      DailyHours a = hours.get(day);
      DailyHours b = other.hours.get(day);
      if (a != null && b != null) {
        int start = Math.max(a.startMinute(), b.startMinute());
        int end = Math.min(a.endMinute(), b.endMinute());
        if (start < end) {
          both.put(day, new DailyHours(start, end));
        }
      }
    }
    List<String> cited = new ArrayList<>(citations);
    cited.addAll(other.citations);
    return new HoursRule(name + "+" + other.name, both, cited);
  }

  /**
   * These hours on the wall clock of {@code zone}: one calling window per distinct daily hours,
   * over the days that have them; empty if no day has hours.
   */
  List<CallingWindow> windowsIn(ZoneId zone) {
    Map<DailyHours, Set<DayOfWeek>> daysByHours = new LinkedHashMap<>();
    hours.forEach(
        (day, h) -> daysByHours.computeIfAbsent(h, k -> EnumSet.noneOf(DayOfWeek.class)).add(day));
    List<CallingWindow> windows = new ArrayList<>();
    daysByHours.forEach(
        (h, days) -> windows.add(CallingWindow.of(zone, h.startMinute(), h.endMinute(), days)));
    return windows;
  }

  /** Like {@code US+US-WA[MON 08:00-20:00, ...]}. */
  @Override
  public String toString() {
    return name
        + hours.entrySet().stream()
            .map(e -> e.getKey().name().substring(0, 3) + " " + e.getValue())
            .collect(Collectors.joining(", ", "[", "]"));
  }
}
