package dev.outdial.engine.internal.check;

import dev.outdial.engine.TimezoneSource;
import dev.outdial.engine.spi.Agent;
import java.time.ZoneId;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SPEC §2: the campaign's zone — its timezone, else its agent's, else Europe/London. */
final class ResolveZone {

  /** A zone and where it came from. */
  record Zone(ZoneId id, TimezoneSource source) {}

  // Validation logs under its public entry point, as it always has.
  private static final Logger LOG = LoggerFactory.getLogger(RequestValidator.class);

  private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");
  private static final Set<String> IANA_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

  private ResolveZone() {}

  /** Whether {@code id} is an IANA region id known to {@code java.time} (no offsets). */
  static boolean isIanaZone(String id) {
    return IANA_ZONES.contains(id);
  }

  /** The zone for a request whose {@code timezone}, if any, is an IANA zone; logs a bad agent's. */
  static Zone of(@Nullable String timezone, Agent agent) {
    if (timezone != null) {
      return new Zone(ZoneId.of(timezone), TimezoneSource.CAMPAIGN);
    }
    String agentZone = agent.timezone();
    if (agentZone != null) {
      if (isIanaZone(agentZone)) {
        return new Zone(ZoneId.of(agentZone), TimezoneSource.AGENT);
      }
      LOG.warn(
          "agent '{}' has time zone '{}', which is not an IANA zone; using {}",
          agent.agentId(),
          agentZone,
          DEFAULT_ZONE);
    }
    return new Zone(DEFAULT_ZONE, TimezoneSource.DEFAULT);
  }
}
