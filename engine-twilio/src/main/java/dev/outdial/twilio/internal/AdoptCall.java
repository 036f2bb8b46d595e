package dev.outdial.twilio.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Twilio sid a call's own, however it was learnt (the create answer, a look-up, a callback
 * that names it, or a reconciliation after a restart), tells the engine the sid ({@code
 * CallEndSink.callPlaced}, so a durable engine can look the call up after a crash), then plans its
 * reconciliation and honours a pending hang-up. A second Twilio call for the same engine call is
 * hung up.
 */
public final class AdoptCall {
  private static final Logger LOG = LoggerFactory.getLogger(AdoptCall.class);

  private final CallRegistry registry;
  private final ReconcileCall reconcile;
  private final HangUpCall hangUps;

  public AdoptCall(CallRegistry registry, ReconcileCall reconcile, HangUpCall hangUps) {
    this.registry = registry;
    this.reconcile = reconcile;
    this.hangUps = hangUps;
  }

  /**
   * Gives {@code state} the sid {@code sid}, learnt from {@code source}; returns false when the
   * call already had another sid (and the extra call is being hung up) or has ended.
   */
  public boolean adopt(CallState state, String sid, String source) {
    switch (state.adopt(sid)) {
      case NEW -> {
        registry.rememberSid(sid);
        LOG.debug("call {} is twilio {} (from {})", state.callId(), sid, source);
        reportPlaced(state, sid);
        reconcile.schedule(state);
        if (state.hangUpRequested()) {
          hangUps.hangUp(state);
        }
        return true;
      }
      case SAME -> {
        return true;
      }
      case OTHER -> {
        if (!registry.knowsSid(sid)) {
          registry.rememberSid(sid);
          LOG.warn(
              "call {} is twilio {}, but {} names a second twilio call {}: hanging that one up",
              state.callId(),
              state.sid(),
              source,
              sid);
          hangUps.send(state.callId(), sid, "completed", 1);
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  private static void reportPlaced(CallState state, String sid) {
    try {
      state.sink().callPlaced(state.callId(), sid);
    } catch (RuntimeException e) {
      LOG.error("the engine refused twilio sid {} of call {}", sid, state.callId(), e);
    }
  }
}
