package dev.outdial.twilio;

import dev.outdial.engine.spi.OutboundCall;
import org.jspecify.annotations.Nullable;

/**
 * Asked right before each create request is sent to Twilio (the first and every retry), on the
 * thread that sends it: creates wait for the account's and the key's pace, so a check made when the
 * engine dialled may no longer hold when the request goes. A cluster node answers whether it still
 * holds the call's key by its own clock (docs/cluster.md).
 */
@FunctionalInterface
public interface CreateGuard {
  /** Sends every create. */
  CreateGuard NONE = call -> null;

  /**
   * Why {@code call} must not be created now, or null to send it. A call refused is reported to the
   * engine as not placed ({@code CallEndSink.notPlaced}), without a request to Twilio: its
   * recipient stays queued and its key stops dialling until the sink hears {@code
   * dialerAvailable()} (the guard's owner says it).
   */
  @Nullable String refusal(OutboundCall call);
}
