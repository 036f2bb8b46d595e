package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.engine.CreationFailureReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Rejection;
import java.util.List;

/** The engine's refusals as API errors: the HTTP status per code and the {@code invalid} list. */
final class Refusals {
  /** How many problems an answer lists; {@code invalid_count} says how many there are in all. */
  static final int LISTED_PROBLEMS = 1_000;

  private Refusals() {}

  static ApiError of(Rejection rejection) {
    ErrorCode code = rejection.code();
    CreationFailureReason reason = rejection.reason();
    return new ApiError(
        status(code),
        code.code(),
        reason == null ? null : reason.code(),
        rejection.message(),
        rejection.problems().isEmpty() ? null : invalid(code, rejection.problems()));
  }

  static int status(ErrorCode code) {
    return switch (code) {
      case MISSING_FIELD, INVALID_FIELD, INVALID_PHONE_FORMAT, CAMPAIGN_CREATION_FAILED -> 400;
      case NOT_FOUND -> 404;
      case INVALID_STATE -> 409;
    };
  }

  /**
   * The first {@link #LISTED_PROBLEMS} problems and their count. Phone problems in the seed's shape
   * {@code {index, phone, reason}}; field problems as {@code {field, index?, value?, reason}}; each
   * with its sentence in {@code message}; sent values cut by {@link Quoted}.
   */
  static ApiError.Invalid invalid(ErrorCode code, List<Problem> problems) {
    ArrayNode invalid = Json.MAPPER.createArrayNode();
    for (Problem p : problems.subList(0, Math.min(problems.size(), LISTED_PROBLEMS))) {
      ObjectNode entry = invalid.addObject();
      if (code == ErrorCode.INVALID_PHONE_FORMAT) {
        entry.put("index", p.index());
        entry.put("phone", p.value() == null ? null : Quoted.cut(p.value()));
      } else {
        entry.put("field", p.field()); // a sent name in it is already cut where it is made
        if (p.index() != null) {
          entry.put("index", p.index());
        }
        if (p.value() != null) {
          entry.put("value", Quoted.cut(p.value()));
        }
      }
      entry.put("reason", p.reason());
      entry.put("message", p.message());
    }
    return new ApiError.Invalid(invalid, problems.size());
  }
}
