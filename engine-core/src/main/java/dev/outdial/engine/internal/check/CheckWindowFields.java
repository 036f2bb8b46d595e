package dev.outdial.engine.internal.check;

import static dev.outdial.engine.internal.check.ProblemMessages.problem;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.Problem;
import dev.outdial.engine.internal.time.BuildWindow;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** SPEC §1 group 2's window fields: both window minutes in range, and known window days. */
final class CheckWindowFields {

  private static final String START = "window_start_minutes";
  private static final String END = "window_end_minutes";
  private static final int MAX_START = 1439;
  private static final int MAX_END = 1440;

  private CheckWindowFields() {}

  /** Every window field of the wrong form, in request order. */
  static List<Problem> in(BatchCampaignRequest request) {
    List<Problem> problems = new ArrayList<>(0);
    checkMinutes(request.windowStartMinutes(), request.windowEndMinutes(), problems);
    checkDays(request.windowDays(), problems);
    return problems;
  }

  private static void checkMinutes(
      @Nullable Integer start, @Nullable Integer end, List<Problem> problems) {
    if (start != null && (start < 0 || start > MAX_START)) {
      problems.add(outOfRange(START, start, 0, MAX_START));
    }
    if (start != null && end == null) {
      problems.add(withoutPartner(END, START, start));
    }
    if (end != null && (end < 1 || end > MAX_END)) {
      problems.add(outOfRange(END, end, 1, MAX_END));
    }
    if (end != null && start == null) {
      problems.add(withoutPartner(START, END, end));
    }
    if (start != null && start.equals(end)) {
      problems.add(
          problem(
              END,
              null,
              String.valueOf(end),
              "empty_window",
              "window_end_minutes %d equals window_start_minutes: the window would never open",
              end));
    }
  }

  private static Problem outOfRange(String field, int value, int min, int max) {
    return problem(
        field,
        null,
        String.valueOf(value),
        "out_of_range",
        "%s %d is outside %d..%d",
        field,
        value,
        min,
        max);
  }

  private static Problem withoutPartner(String absent, String given, int value) {
    return problem(
        absent,
        null,
        null,
        "missing_partner",
        "%s is missing while %s %d is set: send both or neither",
        absent,
        given,
        value);
  }

  private static void checkDays(@Nullable List<@Nullable String> days, List<Problem> problems) {
    if (days == null) {
      return;
    }
    if (days.isEmpty()) {
      problems.add(
          problem(
              "window_days",
              null,
              null,
              "empty",
              "window_days is empty: the window would never open (omit it for every day)"));
    }
    for (int i = 0; i < days.size(); i++) {
      String day = days.get(i);
      String at = "window_days[" + i + "]";
      if (day == null) {
        problems.add(problem(at, null, null, "null_entry", "%s is null, not a day", at));
      } else if (BuildWindow.dayOf(day) == null) {
        problems.add(
            problem(
                at,
                null,
                day,
                "unknown_day",
                "%s %s is not one of mon tue wed thu fri sat sun",
                at,
                ProblemMessages.shown(day)));
      }
    }
  }
}
