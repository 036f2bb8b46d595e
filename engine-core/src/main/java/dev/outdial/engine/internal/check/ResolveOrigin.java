package dev.outdial.engine.internal.check;

import static dev.outdial.engine.internal.check.ProblemMessages.creationFailure;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CreationFailureReason;
import dev.outdial.engine.Problem;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** SPEC §1 group 3: a known timezone, the agent and its caller number, else creation fails. */
final class ResolveOrigin {

  /** The agent and its caller number, both known good. */
  record Origin(Agent agent, long fromNumber) {}

  private final AgentDirectory agents;

  ResolveOrigin(AgentDirectory agents) {
    this.agents = agents;
  }

  /**
   * The request's origin.
   *
   * @throws dev.outdial.engine.RejectedException {@code campaign_creation_failed} listing every
   *     problem, its reason the first one's
   */
  Origin of(BatchCampaignRequest request) {
    List<Problem> problems = new ArrayList<>(0);
    String timezone = request.timezone();
    if (timezone != null && !ResolveZone.isIanaZone(timezone)) {
      problems.add(
          creationFailure(
              "timezone",
              timezone,
              CreationFailureReason.INVALID_TIMEZONE,
              "timezone %s is not an IANA zone (e.g. Europe/London)",
              ProblemMessages.shown(timezone)));
    }
    String agentId = Objects.requireNonNull(request.agentId());
    Optional<Agent> agent = agents.find(agentId);
    long from = 0;
    if (agent.isEmpty()) {
      problems.add(
          creationFailure(
              "agent_id",
              agentId,
              CreationFailureReason.AGENT_NOT_FOUND,
              "agent %s was not found",
              ProblemMessages.shown(agentId)));
    } else {
      from = ResolveFromNumber.of(request.fromNumber(), agent.get(), problems);
    }
    Rejecting.failCreationIfAny(problems);
    return new Origin(agent.orElseThrow(), from);
  }
}
