package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports a call's end to the engine, once, and forgets the call. */
public final class EndCall {
  private static final Logger LOG = LoggerFactory.getLogger(EndCall.class);

  private final CallRegistry registry;

  public EndCall(CallRegistry registry) {
    this.registry = registry;
  }

  /** Ends the call with this reason unless it already ended; returns whether it did. */
  public boolean end(CallState state, EndedReason reason, @Nullable String detail) {
    if (!state.markEnded()) {
      return false;
    }
    registry.forget(state);
    if (reason == EndedReason.DIAL_FAILED || reason == EndedReason.ERROR) {
      LOG.warn(
          "call {} (twilio {}) ended {}: {}", state.callId(), state.sid(), reason.wire(), detail);
    } else {
      LOG.debug("call {} (twilio {}) ended {}", state.callId(), state.sid(), reason.wire());
    }
    try {
      state.sink().callEnded(state.callId(), reason, detail);
    } catch (RuntimeException e) {
      LOG.error("the engine refused the end of call {}", state.callId(), e);
    }
    return true;
  }

  /**
   * The call was certainly not created, for an account-wide reason: the engine puts its recipient
   * back in the queue and suspends its key. Returns whether it was reported.
   */
  public boolean notPlaced(CallState state, String why) {
    if (!state.markEnded()) {
      return false;
    }
    registry.forget(state);
    LOG.warn("call {} not placed ({}): its recipient stays queued", state.callId(), why);
    try {
      state.sink().notPlaced(state.callId(), why);
    } catch (RuntimeException e) {
      LOG.error("the engine refused the not-placed report of call {}", state.callId(), e);
    }
    return true;
  }
}
