package dev.outdial.engine.internal.check;

import static dev.outdial.engine.internal.check.ProblemMessages.problem;

import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code expires_at} field (not in the seed): its form with the other {@code invalid_field}
 * checks, and, once the engine knows the creation instant, that it lies after it.
 */
public final class CheckExpiry {

  static final String FIELD = "expires_at";

  private CheckExpiry() {}

  /** The problem with the field's form, if any: an ISO-8601 instant with an offset. */
  static List<Problem> in(@Nullable String expiresAt) {
    if (expiresAt == null || parse(expiresAt) != null) {
      return List.of();
    }
    return List.of(
        problem(
            FIELD,
            null,
            expiresAt,
            "not_an_instant",
            "expires_at %s is not an ISO-8601 instant with an offset, such as"
                + " 2026-06-20T18:00:00Z or 2026-06-20T18:00:00-04:00",
            ProblemMessages.shown(expiresAt)));
  }

  /** The instant of a checked field, or {@code null} when absent. */
  static @Nullable Instant instant(@Nullable String checked) {
    return checked == null ? null : parse(checked);
  }

  /**
   * Refuses, as {@code invalid_field} reason {@code in_the_past}, a campaign whose latest end is
   * not after its creation instant {@code now}: none of its recipients could be dialled.
   */
  public static void failIfNotAfter(@Nullable Instant expiresAt, Instant now) {
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      Rejecting.failIfAny(
          ErrorCode.INVALID_FIELD,
          "fields are invalid",
          List.of(
              problem(
                  FIELD,
                  null,
                  expiresAt.toString(),
                  "in_the_past",
                  "expires_at %s is not after the campaign's creation at %s: no recipient could"
                      + " be dialled",
                  expiresAt,
                  now)));
    }
  }

  private static @Nullable Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
