package dev.outdial.engine.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to know of an agent.
 *
 * @param agentId the agent's id as used in requests
 * @param timezone the agent's time zone as the host stores it (an IANA id), or {@code null}; an
 *     unusable value is logged and passed over in favour of {@code Europe/London}
 * @param outboundNumbers the agent's outbound-enabled numbers; any format libphonenumber reads with
 *     a leading {@code +} (compared to {@code from_number} in E.164)
 */
public record Agent(String agentId, @Nullable String timezone, List<String> outboundNumbers) {

  public Agent {
    outboundNumbers = List.copyOf(outboundNumbers);
  }
}
