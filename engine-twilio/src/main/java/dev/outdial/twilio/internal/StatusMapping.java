package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Twilio's {@code CallStatus} and {@code AnsweredBy} read as the engine's {@code ended_reason}. */
public final class StatusMapping {
  private StatusMapping() {}

  /** The reason a final status ends the call with; empty for a status that is not final. */
  public static Optional<EndedReason> endFor(String callStatus, @Nullable String answeredBy) {
    return Optional.ofNullable(
        switch (callStatus) {
          case "completed" ->
              isMachine(answeredBy) ? EndedReason.VOICEMAIL_DETECTED : EndedReason.COMPLETED;
          case "busy" -> EndedReason.BUSY;
          case "no-answer" -> EndedReason.NO_ANSWER;
          case "failed" -> EndedReason.DIAL_FAILED;
          case "canceled" -> EndedReason.CANCELED;
          default -> null;
        });
  }

  /** Whether the status is one a Twilio call never leaves. */
  public static boolean isFinal(String callStatus) {
    return endFor(callStatus, null).isPresent();
  }

  /**
   * Whether an AMD verdict says a machine answered: {@code machine_start}, {@code machine_end_*},
   * or {@code fax}.
   */
  public static boolean isMachine(@Nullable String answeredBy) {
    return answeredBy != null && (answeredBy.startsWith("machine_") || answeredBy.equals("fax"));
  }
}
