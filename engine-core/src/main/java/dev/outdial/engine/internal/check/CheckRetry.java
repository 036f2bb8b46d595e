package dev.outdial.engine.internal.check;

import static dev.outdial.engine.internal.check.ProblemMessages.problem;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.Problem;
import dev.outdial.engine.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code retry} object (not in the seed), with the other {@code invalid_field} checks: every
 * member present, {@code on} naming only retryable reasons, attempts and delay within their ranges.
 */
final class CheckRetry {
  private static final String ON = "retry.on";
  private static final String MAX = "retry.max_attempts";
  private static final String DELAY = "retry.min_delay_minutes";
  private static final long MAX_DELAY_MINUTES = RetryPolicy.MAX_DELAY.toMinutes();
  private static final String RETRYABLE =
      RetryPolicy.RETRYABLE.stream().map(EndedReason::wire).collect(Collectors.joining(", "));

  private CheckRetry() {}

  static List<Problem> in(BatchCampaignRequest.@Nullable Retry retry) {
    List<Problem> problems = new ArrayList<>();
    if (retry == null) {
      return problems;
    }
    List<@Nullable String> on = retry.on();
    if (on == null) {
      problems.add(absent(ON, "the ended reasons that call again, e.g. [\"no_answer\", \"busy\"]"));
    } else if (on.isEmpty()) {
      problems.add(
          problem(
              ON, null, null, "empty", "retry.on is empty: name at least one of %s", RETRYABLE));
    } else {
      for (int i = 0; i < on.size(); i++) {
        String reason = on.get(i);
        String at = ON + "[" + i + "]";
        if (reason == null) {
          problems.add(problem(at, null, null, "null_entry", "%s is null, not a reason", at));
        } else if (reasonOf(reason) == null) {
          problems.add(
              problem(
                  at,
                  null,
                  reason,
                  "not_retryable",
                  "%s %s is not a reason a call is tried again for; one of %s",
                  at,
                  ProblemMessages.shown(reason),
                  RETRYABLE));
        }
      }
    }
    Integer max = retry.maxAttempts();
    if (max == null) {
      problems.add(absent(MAX, "how many calls a recipient may get in all, 2 to 10"));
    } else if (max < 2 || max > RetryPolicy.MAX_ATTEMPTS) {
      problems.add(
          problem(
              MAX,
              null,
              String.valueOf(max),
              "out_of_range",
              "retry.max_attempts %s is outside 2..%s (the first call included)",
              max,
              RetryPolicy.MAX_ATTEMPTS));
    }
    Integer delay = retry.minDelayMinutes();
    if (delay == null) {
      problems.add(absent(DELAY, "the least minutes between a call's end and the next call"));
    } else if (delay < 1 || delay > MAX_DELAY_MINUTES) {
      problems.add(
          problem(
              DELAY,
              null,
              String.valueOf(delay),
              "out_of_range",
              "retry.min_delay_minutes %s is outside 1..%s (a week)",
              delay,
              MAX_DELAY_MINUTES));
    }
    return problems;
  }

  /** The policy of a checked {@code retry}, or {@code null} when absent. */
  static @Nullable RetryPolicy policy(BatchCampaignRequest.@Nullable Retry checked) {
    if (checked == null) {
      return null;
    }
    Set<EndedReason> on = EnumSet.noneOf(EndedReason.class);
    for (String reason : checked.on()) {
      on.add(reasonOf(reason));
    }
    return new RetryPolicy(
        on, checked.maxAttempts(), Duration.ofMinutes(checked.minDelayMinutes()));
  }

  private static @Nullable EndedReason reasonOf(String wire) {
    return EndedReason.fromWire(wire).filter(RetryPolicy.RETRYABLE::contains).orElse(null);
  }

  private static Problem absent(String field, String what) {
    return problem(field, null, null, "missing", "%s is missing: %s", field, what);
  }
}
