package dev.outdial.engine.spi;

import java.time.Duration;
import java.util.Map;

/**
 * One call the engine asks a {@link Dialer} to place.
 *
 * @param callId the engine's id of this call ({@code call_} + 16 hex digits); report its end with
 *     it
 * @param campaignId the campaign it belongs to
 * @param keyId the API key that owns the campaign
 * @param agentId the agent that talks
 * @param from the caller number, E.164
 * @param to the recipient, E.164
 * @param prompt the effective prompt: the recipient's {@code prompt_override}, else the campaign's
 * @param variables the recipient's variables, always passed as context for the agent
 * @param maxDuration the longest the call may last; the engine ends it {@code timed_out} if no end
 *     is reported within this plus its grace
 */
public record OutboundCall(
    String callId,
    String campaignId,
    String keyId,
    String agentId,
    String from,
    String to,
    String prompt,
    Map<String, String> variables,
    Duration maxDuration) {}
