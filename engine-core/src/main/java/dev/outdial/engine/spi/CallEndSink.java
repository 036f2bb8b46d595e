package dev.outdial.engine.spi;

import dev.outdial.engine.EndedReason;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link Dialer} reports that a call ended. Handed over by the engine with every call.
 *
 * <p>Safe to call from any thread, at any time, including from inside {@link Dialer#dial}: the
 * report is queued and applied by the engine's owner thread (or the next {@code runDue()} in
 * deterministic mode). The first report for a call wins; a repeated report, or one for a call the
 * engine does not know, changes nothing and is logged.
 */
public interface CallEndSink {

  /** The call ended for this reason. */
  default void callEnded(String callId, EndedReason reason) {
    callEnded(callId, reason, null);
  }

  /**
   * The call ended for this reason.
   *
   * @param detail what the telephony said (for example a provider error code and message), kept on
   *     the call; or {@code null}
   */
  void callEnded(String callId, EndedReason reason, @Nullable String detail);

  /**
   * The provider took the call and gave it this reference (Twilio's CallSid). A durable engine
   * commits it, so that a call in doubt after a restart can be looked up by it ({@link
   * Dialer#reconcile}). Optional: a dialer that never reports it is reconciled without it. The
   * default does nothing; the engine's sink records it.
   */
  default void callPlaced(String callId, String reference) {}

  /**
   * The dialer did not place the call, and is certain that the provider did not create it, for a
   * reason that is not the recipient's: the account or the provider cannot take calls now
   * (credentials refused, account suspended, provider unreachable before the request was sent, rate
   * refusals beyond the retry budget). The recipient is not consumed: it goes back to its
   * campaign's queue (its call id stays its own), and the call's key stops dialling until {@link
   * #dialerAvailable()}. The engine logs one ERROR line per suspension of a key, shows it on the
   * key's campaigns ({@link dev.outdial.engine.CampaignView#dialingSuspended()}) and tells the
   * listener.
   *
   * <p>Never report this after a failure that may have created the call (a 5xx, a time-out): a
   * recipient put back is dialled again. Only the engine's own sink implements it.
   */
  default void notPlaced(String callId, String reason) {
    throw new UnsupportedOperationException("only the engine's sink takes notPlaced");
  }

  /**
   * The dialer can place calls again (its probe of the provider succeeded): every key that {@link
   * #notPlaced} suspended dials again. Only the engine's own sink implements it.
   */
  default void dialerAvailable() {
    throw new UnsupportedOperationException("only the engine's sink takes dialerAvailable");
  }
}
