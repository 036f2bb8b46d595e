package dev.outdial.engine.internal.check;

import static dev.outdial.engine.internal.check.ProblemMessages.problem;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Recipient;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** SPEC §1 group 1 ({@code missing_field}): the fields no campaign can do without. */
final class CheckMissingFields {

  private CheckMissingFields() {}

  /** Every missing field, in request order. */
  static List<Problem> in(BatchCampaignRequest request) {
    List<Problem> problems = new ArrayList<>(0);
    requireText("agent_id", request.agentId(), "every campaign needs an agent", problems);
    requireText("prompt", request.prompt(), "every campaign needs a call purpose", problems);
    List<Recipient> recipients = request.recipients();
    if (recipients == null || recipients.isEmpty()) {
      String state = recipients == null ? "missing" : "empty";
      problems.add(problem("recipients", null, null, state, "recipients is %s", state));
    }
    if (CheckScheduleFields.SCHEDULE.equals(request.scheduleType())) {
      requireText(
          "scheduled_date", request.scheduledDate(), "schedule_type 'schedule' needs it", problems);
    }
    return problems;
  }

  private static void requireText(
      String field, @Nullable String value, String why, List<Problem> problems) {
    if (value == null || value.isBlank()) {
      String state = value == null ? "missing" : "blank";
      problems.add(problem(field, null, value, state, "%s is %s: %s", field, state, why));
    }
  }
}
