package dev.outdial.engine.internal.check;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.Problem;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.RequestLimits;
import dev.outdial.engine.internal.time.BuildWindow;
import dev.outdial.engine.spi.AgentDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a create request against SPEC §1 and normalises it into a {@link CampaignSpec}.
 *
 * <p>The groups are checked in order — {@code missing_field}, {@code invalid_field}, {@code
 * campaign_creation_failed}, {@code invalid_phone_format} — and the first failing group is the
 * answer, listing every problem of that group in request order. Pure and thread-safe: it only reads
 * the request and the agent directory.
 */
public final class RequestValidator {

  private final ResolveOrigin resolveOrigin;
  private final CheckSizeLimits checkSizeLimits;

  public RequestValidator(AgentDirectory agents, RequestLimits limits) {
    this.resolveOrigin = new ResolveOrigin(Objects.requireNonNull(agents, "agents"));
    this.checkSizeLimits = new CheckSizeLimits(Objects.requireNonNull(limits, "limits"));
  }

  /**
   * The normalised campaign the request describes.
   *
   * @throws RejectedException with the first failing group of SPEC §1
   */
  public CampaignSpec validate(BatchCampaignRequest request) {
    Rejecting.failIfAny(
        ErrorCode.MISSING_FIELD, "required fields are missing", CheckMissingFields.in(request));
    Rejecting.failIfAny(ErrorCode.INVALID_FIELD, "fields are invalid", invalidFields(request));
    ResolveOrigin.Origin origin = resolveOrigin.of(request);
    CheckPhones.Dialable dialable = CheckPhones.in(request);
    ResolveZone.Zone zone = ResolveZone.of(request.timezone(), origin.agent());
    return new CampaignSpec(
        origin.agent().agentId(),
        Objects.requireNonNull(request.prompt()),
        request.name(),
        PhoneNumbers.e164(origin.fromNumber()),
        zone.id(),
        zone.source(),
        BuildWindow.of(request, zone.id()),
        CheckScheduleFields.dueDate(request),
        dialable.phones(),
        dialable.extras(),
        dialable.invalid(),
        dialable.duplicateIndexes(),
        request.recipientLocalHours() == null
            ? null
            : LocalHoursPolicy.fromWire(request.recipientLocalHours()).orElseThrow(),
        null,
        CheckExpiry.instant(request.expiresAt()),
        CheckRetry.policy(request.retry()));
  }

  /**
   * Group 2, in request order: sizes and recipient entries, then schedule, then window, then the
   * compliance options.
   */
  private List<Problem> invalidFields(BatchCampaignRequest request) {
    List<Problem> problems = new ArrayList<>(checkSizeLimits.in(request));
    problems.addAll(CheckScheduleFields.in(request));
    problems.addAll(CheckWindowFields.in(request));
    String localHours = request.recipientLocalHours();
    if (localHours != null && LocalHoursPolicy.fromWire(localHours).isEmpty()) {
      problems.add(
          ProblemMessages.problem(
              "recipient_local_hours",
              null,
              localHours,
              "unknown_value",
              "recipient_local_hours %s is not one of off, skip_unknown, campaign_zone_for_unknown",
              ProblemMessages.shown(localHours)));
    }
    problems.addAll(CheckExpiry.in(request.expiresAt()));
    problems.addAll(CheckRetry.in(request.retry()));
    return problems;
  }
}
