package dev.outdial.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Why the engine refused a request or an action. A rejected request created nothing.
 *
 * @param code the error code
 * @param reason for {@link ErrorCode#CAMPAIGN_CREATION_FAILED}: the first failing reason, else
 *     {@code null}
 * @param message one sentence naming the offending value(s)
 * @param problems every problem of the failing group (SPEC §1), in request order; empty for {@code
 *     invalid_state} and {@code not_found}
 */
public record Rejection(
    ErrorCode code,
    @Nullable CreationFailureReason reason,
    String message,
    List<Problem> problems) {

  public Rejection {
    problems = List.copyOf(problems);
  }
}
