package dev.outdial.benchmarks.baseline;

import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * BASELINE, NOT OUTDIAL: the first call of a fired campaign as a plain scheduler would place it:
 * the same {@link OutboundCall} Outdial hands its dialer, with a call id that is a counter in hex
 * (not enciphered), and nothing kept about the call afterwards (no limits, no time-out, no map of
 * calls in progress). So the baselines' dial is cheaper than Outdial's, whose per-call work is
 * measured on its own by the dispatch benchmark.
 */
public final class FirstDial {
  private static final Duration MAX_DURATION = Duration.ofHours(1);
  private static final CallEndSink IGNORED = (callId, reason, detail) -> {};

  private final Dialer dialer;
  private final String keyId;
  private final String agentId;
  private final String from;
  private final String prompt;
  private long calls;

  /** The last call placed, kept so that the JIT cannot drop building it (Outdial keeps its ids). */
  public @Nullable OutboundCall last;

  public FirstDial(Dialer dialer, String keyId, String agentId, String from, String prompt) {
    this.dialer = dialer;
    this.keyId = keyId;
    this.agentId = agentId;
    this.from = from;
    this.prompt = prompt;
  }

  /** Places the first call of campaign {@code campaignId} to {@code phone} (E.164 digits). */
  public void dial(String campaignId, long phone) {
    try {
      OutboundCall call =
          new OutboundCall(
              "call_" + Long.toHexString(calls++),
              campaignId,
              keyId,
              agentId,
              from,
              "+" + phone,
              prompt,
              Map.of(),
              MAX_DURATION);
      last = call;
      dialer.dial(call, IGNORED);
    } catch (Exception e) {
      throw new IllegalStateException("the dialer refused a call", e);
    }
  }
}
