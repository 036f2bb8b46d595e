package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Problem;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/calls/batch}: the JSON body to a campaign, or the first failing group of SPEC §1.
 *
 * <p>Shape problems (unknown fields, wrong JSON types) belong to the {@code invalid_field} group.
 * Only {@code missing_field} comes before it, so a body with shape problems is checked by the
 * engine without creating anything: its missing fields win if there are any, else the shape
 * problems are answered together with the engine's own {@code invalid_field} problems.
 */
final class CreateCampaign {
  private final OutdialEngine engine;

  CreateCampaign(OutdialEngine engine) {
    this.engine = engine;
  }

  ObjectNode create(String keyId, JsonNode body) {
    CreateRequestReader.Read read = CreateRequestReader.read(body);
    if (read.problems().isEmpty()) {
      try {
        return Answers.created(engine.create(keyId, read.request()));
      } catch (RejectedException e) {
        throw Refusals.of(e.rejection());
      }
    }
    Optional<Rejection> engineSays = engine.check(read.request());
    if (engineSays.isPresent() && engineSays.get().code() == ErrorCode.MISSING_FIELD) {
      throw Refusals.of(engineSays.get());
    }
    List<Problem> problems = new ArrayList<>(read.problems());
    if (engineSays.isPresent() && engineSays.get().code() == ErrorCode.INVALID_FIELD) {
      for (Problem p : engineSays.get().problems()) {
        if (read.problems().stream().noneMatch(shape -> covers(shape.field(), p.field()))) {
          problems.add(p);
        }
      }
    }
    throw new ApiError(
        400,
        ErrorCode.INVALID_FIELD.code(),
        null,
        summary(problems),
        Refusals.invalid(ErrorCode.INVALID_FIELD, problems));
  }

  /** Whether a shape problem at {@code shape} already speaks for {@code field} or its parts. */
  private static boolean covers(String shape, String field) {
    return field.equals(shape) || field.startsWith(shape + ".") || field.startsWith(shape + "[");
  }

  private static String summary(List<Problem> problems) {
    String first =
        problems.stream().limit(3).map(Problem::message).collect(Collectors.joining("; "));
    return problems.size() > 3 ? first + "; and " + (problems.size() - 3) + " more" : first;
  }
}
