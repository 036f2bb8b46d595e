package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.server.ServerConfig;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * What the standalone server prints once it listens: which dialer it uses (the simulated call
 * length as configured) and a complete create request, ready to paste, for the first configured
 * agent.
 */
public final class StartUpHint {
  private StartUpHint() {}

  /**
   * The text after the {@code listening} line.
   *
   * @param token the bearer token of a key generated at this start, or {@code null} when the keys
   *     come from the configuration (the request then says {@code KEY_ID:KEY_SECRET})
   */
  public static String of(ServerConfig config, URI base, @Nullable String token) {
    StringBuilder text = new StringBuilder();
    if (config.agents().isEmpty()) {
      return "No agent is configured: add one under \"agents\" to create campaigns"
          + " (docs/server.md).\n";
    }
    ServerConfig.AgentEntry agent = config.agents().get(0);
    boolean twilio = config.twilio() != null;
    ObjectNode body = Json.object();
    body.put("agent_id", agent.agentId());
    if (agent.outboundNumbers().size() > 1) {
      body.put("from_number", agent.outboundNumbers().get(0));
    }
    body.put("prompt", "Remind the patient about their check-up tomorrow.");
    body.put("schedule_type", "now");
    body.putArray("recipients")
        .addObject()
        .put("phone", twilio ? "RECIPIENT_PHONE" : "+447111000001");
    text.append(
            twilio
                ? "Create a campaign that calls at once (put a number you may call in"
                    + " RECIPIENT_PHONE, E.164):\n\n"
                : "Create a campaign that calls at once (the simulated dialer logs each call):\n\n")
        .append("curl -X POST ")
        .append(base)
        .append("/v1/calls/batch \\\n")
        .append("  -H \"Authorization: Bearer ")
        .append(token != null ? token : "KEY_ID:KEY_SECRET")
        .append("\" \\\n")
        .append("  -H \"Content-Type: application/json\" \\\n")
        .append("  -d '")
        .append(Json.text(body))
        .append("'\n\n")
        .append("Then GET ")
        .append(base)
        .append("/v1/calls/batch/{campaign_id} and .../calls with the same header;")
        .append(" every route is in docs/server.md.\n");
    return text.toString();
  }

  /** {@code simulated dialer: each call lasts 5-60 s}, or Twilio. */
  public static String dialer(ServerConfig config) {
    if (config.twilio() != null) {
      return "dialling through Twilio";
    }
    ServerConfig.Simulation simulation = config.simulatedDialer();
    return "simulated dialer: each call lasts "
        + simulation.minCallSeconds()
        + "-"
        + simulation.maxCallSeconds()
        + " s";
  }
}
