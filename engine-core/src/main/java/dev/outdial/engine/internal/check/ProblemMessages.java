package dev.outdial.engine.internal.check;

import dev.outdial.engine.CreationFailureReason;
import dev.outdial.engine.Problem;
import org.jspecify.annotations.Nullable;

/** Builds a request's {@link Problem}s, with sentences that name the offending value. */
final class ProblemMessages {

  /** The most characters of a sent value that a message or a field path quotes. */
  static final int SHOWN_CHARS = 100;

  private ProblemMessages() {}

  /** A problem whose message is {@code format} filled with {@code args}. */
  static Problem problem(
      String field,
      @Nullable Integer index,
      @Nullable String value,
      String reason,
      String format,
      Object... args) {
    return new Problem(field, index, value, reason, format.formatted(args));
  }

  /** A {@code campaign_creation_failed} problem: its reason is the failure's wire code. */
  static Problem creationFailure(
      String field,
      @Nullable String value,
      CreationFailureReason reason,
      String format,
      Object... args) {
    return problem(field, null, value, reason.code(), format, args);
  }

  /** A value over a length limit; {@code limitName} names the {@code RequestLimits} component. */
  static Problem tooLong(
      String field, @Nullable Integer index, String value, int limit, String limitName) {
    return problem(
        field,
        index,
        value,
        "too_long",
        "%s %s is %d characters, over the limit of %d (%s)",
        field,
        shown(value),
        value.length(),
        limit,
        limitName);
  }

  /** A list or map with more entries than its limit allows. */
  static Problem tooMany(
      String field, @Nullable Integer index, int count, int limit, String limitName) {
    return problem(
        field,
        index,
        String.valueOf(count),
        "too_many",
        "%s has %d entries, over the limit of %d (%s)",
        field,
        count,
        limit,
        limitName);
  }

  /**
   * A value quoted for a message, cut short so that a 5 MB prompt stays readable and the answer
   * small: at most {@value #SHOWN_CHARS} characters of it, then {@code ...}.
   */
  static String shown(@Nullable String value) {
    return "'" + cut(String.valueOf(value)) + "'";
  }

  /**
   * At most {@value #SHOWN_CHARS} characters of a sent text, then {@code ...} if there was more.
   */
  static String cut(String text) {
    return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
  }
}
