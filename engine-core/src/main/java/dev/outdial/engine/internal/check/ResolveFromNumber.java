package dev.outdial.engine.internal.check;

import static dev.outdial.engine.internal.check.ProblemMessages.creationFailure;

import dev.outdial.engine.CreationFailureReason;
import dev.outdial.engine.Problem;
import dev.outdial.engine.spi.Agent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SPEC §1 group 3's caller number: {@code from_number} if the agent owns it, else its only one. */
final class ResolveFromNumber {

  // Validation logs under its public entry point, as it always has.
  private static final Logger LOG = LoggerFactory.getLogger(RequestValidator.class);

  private ResolveFromNumber() {}

  /** The caller number's E.164 digits, or 0 after adding the problem. */
  static long of(@Nullable String fromNumber, Agent agent, List<Problem> problems) {
    Set<Long> owned = outboundNumbers(agent);
    String agentId = agent.agentId();
    if (fromNumber != null) {
      OptionalLong digits = PhoneNumbers.parseE164(fromNumber);
      if (digits.isPresent() && owned.contains(digits.getAsLong())) {
        return digits.getAsLong();
      }
      problems.add(
          creationFailure(
              "from_number",
              fromNumber,
              CreationFailureReason.FROM_NUMBER_NOT_OWNED,
              "from_number %s is not an outbound-enabled number of agent %s",
              ProblemMessages.shown(fromNumber),
              ProblemMessages.shown(agentId)));
    } else if (owned.size() == 1) {
      return owned.iterator().next();
    } else if (owned.isEmpty()) {
      problems.add(
          creationFailure(
              "from_number",
              null,
              CreationFailureReason.NO_OUTBOUND_NUMBER,
              "agent '%s' has no outbound-enabled number to call from",
              agentId));
    } else {
      problems.add(
          creationFailure(
              "from_number",
              null,
              CreationFailureReason.FROM_NUMBER_REQUIRED,
              "from_number is required: agent '%s' has %d outbound numbers",
              agentId,
              owned.size()));
    }
    return 0;
  }

  /** The agent's distinct outbound numbers in E.164; unreadable ones are logged and ignored. */
  private static Set<Long> outboundNumbers(Agent agent) {
    Set<Long> numbers = new LinkedHashSet<>();
    for (String number : agent.outboundNumbers()) {
      OptionalLong digits = PhoneNumbers.parseE164(number);
      if (digits.isPresent()) {
        numbers.add(digits.getAsLong());
      } else {
        LOG.warn(
            "agent '{}' has outbound number '{}', which is not an international phone number;"
                + " ignoring it",
            agent.agentId(),
            number);
      }
    }
    return numbers;
  }
}
