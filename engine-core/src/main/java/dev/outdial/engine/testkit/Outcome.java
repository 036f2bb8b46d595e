package dev.outdial.engine.testkit;

import dev.outdial.engine.EndedReason;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ScriptedDialer} does with one call.
 *
 * @param reason the end it reports, or {@code null} when it never reports or throws
 * @param after how long after the dial it reports
 * @param failsOnDial whether {@code dial} throws instead (the engine ends it {@code dial_failed})
 */
public record Outcome(@Nullable EndedReason reason, Duration after, boolean failsOnDial) {

  public Outcome {
    Objects.requireNonNull(after, "after");
    if (after.isNegative()) {
      throw new IllegalArgumentException("after must not be negative, was " + after);
    }
  }

  /** Answered, and the conversation lasts {@code duration}: ends {@code completed}. */
  public static Outcome answeredFor(Duration duration) {
    return endsAfter(EndedReason.COMPLETED, duration);
  }

  /** An answering machine picks up: ends {@code voicemail_detected} after {@code delay}. */
  public static Outcome voicemailAfter(Duration delay) {
    return endsAfter(EndedReason.VOICEMAIL_DETECTED, delay);
  }

  /** The line is busy: ends {@code busy} after {@code delay}. */
  public static Outcome busyAfter(Duration delay) {
    return endsAfter(EndedReason.BUSY, delay);
  }

  /** Rings out: ends {@code no_answer} after {@code delay}. */
  public static Outcome noAnswerAfter(Duration delay) {
    return endsAfter(EndedReason.NO_ANSWER, delay);
  }

  /** Reports {@code reason} after {@code delay}. */
  public static Outcome endsAfter(EndedReason reason, Duration delay) {
    return new Outcome(Objects.requireNonNull(reason, "reason"), delay, false);
  }

  /** {@code dial} throws. */
  public static Outcome throwsOnDial() {
    return new Outcome(null, Duration.ZERO, true);
  }

  /** The call starts and its end is never reported (the engine times it out). */
  public static Outcome neverReports() {
    return new Outcome(null, Duration.ZERO, false);
  }
}
