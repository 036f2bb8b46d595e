package dev.outdial.engine.spi;

import java.util.Map;
import java.util.Optional;

/**
 * The host's agents. Consulted once per create request, from the caller's thread; must be
 * thread-safe and should answer quickly. If it throws, {@code create} throws the same and creates
 * nothing.
 */
@FunctionalInterface
public interface AgentDirectory {

  /** The agent with this id, or empty if the host knows none. */
  Optional<Agent> find(String agentId);

  /** A fixed directory over the given agents. */
  static AgentDirectory of(Agent... agents) {
    Map<String, Agent> byId = new java.util.HashMap<>();
    for (Agent agent : agents) {
      byId.put(agent.agentId(), agent);
    }
    Map<String, Agent> copy = Map.copyOf(byId);
    return id -> Optional.ofNullable(copy.get(id));
  }
}
