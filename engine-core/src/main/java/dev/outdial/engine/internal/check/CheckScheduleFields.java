package dev.outdial.engine.internal.check;

import static dev.outdial.engine.internal.check.ProblemMessages.problem;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.Problem;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** SPEC §1 group 2's schedule fields: {@code schedule_type} and {@code scheduled_date}. */
final class CheckScheduleFields {

  static final String NOW = "now";
  static final String SCHEDULE = "schedule";

  private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private CheckScheduleFields() {}

  /** Every schedule field of the wrong form, in request order. */
  static List<Problem> in(BatchCampaignRequest request) {
    List<Problem> problems = new ArrayList<>(0);
    String type = request.scheduleType();
    String date = request.scheduledDate();
    if (type != null && !NOW.equals(type) && !SCHEDULE.equals(type)) {
      problems.add(
          problem(
              "schedule_type",
              null,
              type,
              "unknown_value",
              "schedule_type %s is neither 'now' nor 'schedule'",
              ProblemMessages.shown(type)));
    }
    if (date == null) {
      return problems;
    }
    if (type == null || NOW.equals(type)) {
      problems.add(
          problem(
              "scheduled_date",
              null,
              date,
              "without_schedule",
              "scheduled_date %s was sent with schedule_type %s, which would call today:"
                  + " send schedule_type 'schedule' or drop scheduled_date",
              ProblemMessages.shown(date),
              type == null ? "absent (meaning 'now')" : "'now'"));
    } else if (parseDate(date) == null) {
      problems.add(
          problem(
              "scheduled_date",
              null,
              date,
              "invalid_date",
              "scheduled_date %s is not a real date in the form YYYY-MM-DD",
              ProblemMessages.shown(date)));
    }
    return problems;
  }

  /** The date a checked request becomes due, or {@code null} for {@code now}. */
  static @Nullable LocalDate dueDate(BatchCampaignRequest checked) {
    return SCHEDULE.equals(checked.scheduleType())
        ? LocalDate.parse(Objects.requireNonNull(checked.scheduledDate()), DATE)
        : null;
  }

  private static @Nullable LocalDate parseDate(String date) {
    if (!DATE_SHAPE.matcher(date).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(date, DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
