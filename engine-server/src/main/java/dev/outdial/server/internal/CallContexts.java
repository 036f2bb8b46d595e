package dev.outdial.server.internal;

import dev.outdial.engine.CallView;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.OutboundCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Capability tokens for voice agents: one per call, granting its agent that one call's context. A
 * token is issued when Twilio asks for the call's TwiML and is good until the call has ended plus
 * {@link #AFTER_END}; a wrong, expired or other call's token reads exactly as an unknown call.
 * Thread-safe.
 */
public final class CallContexts {
  /** How long after its call ended a token still reads the context (an agent finishing up). */
  public static final Duration AFTER_END = Duration.ofMinutes(5);

  /** What an agent learns of its call. */
  public record Context(
      String callId,
      String keyId,
      String campaignId,
      @Nullable String campaignName,
      String agentId,
      String from,
      String to,
      String prompt,
      Map<String, String> variables) {}

  private record Grant(String token, Context context, Instant issuedAt) {}

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Grant> byCallId = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Grant> byAge = new ConcurrentLinkedQueue<>();
  private final OutdialEngine engine;
  private final InstantSource clock;
  private final Duration longestGrant;

  /**
   * @param longestCall the longest a call can be in progress (ring time, maximum length and the
   *     engine's grace): grants older than that plus {@link #AFTER_END} are forgotten
   */
  public CallContexts(OutdialEngine engine, InstantSource clock, Duration longestCall) {
    this.engine = engine;
    this.clock = clock;
    this.longestGrant = longestCall.plus(AFTER_END);
  }

  /**
   * The token for this call, issued now (or the one issued already, should Twilio ask twice); the
   * context is taken from the call as the dialer holds it.
   */
  public String grant(OutboundCall call, @Nullable String campaignName) {
    forgetOld();
    Grant grant =
        byCallId.computeIfAbsent(
            call.callId(),
            id -> {
              Grant made =
                  new Grant(
                      newToken(),
                      new Context(
                          id,
                          call.keyId(),
                          call.campaignId(),
                          campaignName,
                          call.agentId(),
                          call.from(),
                          call.to(),
                          call.prompt(),
                          Map.copyOf(call.variables())),
                      clock.instant());
              byAge.add(made);
              return made;
            });
    return grant.token();
  }

  /** The call's context if {@code token} is its token and has not expired; else empty. */
  public Optional<Context> context(String callId, @Nullable String token) {
    Grant grant = byCallId.get(callId);
    if (grant == null || token == null || !sameToken(grant.token(), token)) {
      return Optional.empty();
    }
    Context context = grant.context();
    Instant endedAt;
    try {
      CallView call = engine.call(context.keyId(), callId);
      endedAt = call.endedAt();
    } catch (RejectedException gone) { // the campaign is no longer kept
      return Optional.empty();
    }
    if (endedAt != null && !clock.instant().isBefore(endedAt.plus(AFTER_END))) {
      return Optional.empty();
    }
    return Optional.of(context);
  }

  private void forgetOld() {
    Instant oldest = clock.instant().minus(longestGrant);
    Grant head;
    while ((head = byAge.peek()) != null && head.issuedAt().isBefore(oldest)) {
      byAge.poll();
      byCallId.remove(head.context().callId(), head);
    }
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "ctx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean sameToken(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
