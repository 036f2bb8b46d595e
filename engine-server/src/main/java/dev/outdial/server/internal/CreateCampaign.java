package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.IdempotentCreate;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.Rejection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

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

  /**
   * The created campaign's answer; with {@code idempotent}, the engine commits that answer with the
   * campaign.
   */
  ObjectNode create(String keyId, JsonNode body, @Nullable IdempotentCreate idempotent) {
    CreateRequestReader.Read read = CreateRequestReader.read(body);
    if (read.problems().isEmpty()) {
      try {
        return Answers.created(
            idempotent == null
                ? engine.create(keyId, read.request())
                : engine.create(keyId, read.request(), idempotent));
      } catch (RejectedException e) {
        throw Refusals.of(e.rejection());
      }
    }
    Optional<Rejection> engineSays = engine.check(withoutPhones(read.request()));
    if (engineSays.isPresent() && engineSays.get().code() == ErrorCode.MISSING_FIELD) {
      throw Refusals.of(engineSays.get());
    }
    List<Problem> problems = new ArrayList<>(read.problems());
    if (engineSays.isPresent() && engineSays.get().code() == ErrorCode.INVALID_FIELD) {
      Set<String> shapeFields = new HashSet<>();
      read.problems().forEach(p -> shapeFields.add(p.field()));
      for (Problem p : engineSays.get().problems()) {
        if (!covered(shapeFields, p.field())) {
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

  /**
   * Phones are only judged after {@code invalid_field}, which is where this answer stops; leaving
   * them out spares parsing every number of a body that will be refused anyway.
   */
  private static BatchCampaignRequest withoutPhones(BatchCampaignRequest r) {
    List<Recipient> recipients = null;
    if (r.recipients() != null) {
      recipients = new ArrayList<>(r.recipients().size());
      for (Recipient recipient : r.recipients()) {
        recipients.add(
            recipient == null
                ? null
                : new Recipient(null, recipient.variables(), recipient.promptOverride()));
      }
    }
    return new BatchCampaignRequest(
        r.agentId(),
        r.prompt(),
        r.name(),
        r.fromNumber(),
        recipients,
        r.skipInvalid(),
        r.scheduleType(),
        r.scheduledDate(),
        r.windowStartMinutes(),
        r.windowEndMinutes(),
        r.windowDays(),
        r.timezone(),
        r.recipientLocalHours(),
        r.expiresAt(),
        r.retry());
  }

  /**
   * Whether a shape problem already speaks for {@code field} or a field containing it: {@code
   * recipients[2].variables.x} is covered by a problem at itself, {@code recipients[2].variables},
   * {@code recipients[2]} or {@code recipients}.
   */
  private static boolean covered(Set<String> shapeFields, String field) {
    String f = field;
    while (true) {
      if (shapeFields.contains(f)) {
        return true;
      }
      int cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
      if (cut <= 0) {
        return false;
      }
      f = f.substring(0, cut);
    }
  }

  private static String summary(List<Problem> problems) {
    String first =
        problems.stream().limit(3).map(Problem::message).collect(Collectors.joining("; "));
    return problems.size() > 3 ? first + "; and " + (problems.size() - 3) + " more" : first;
  }
}
