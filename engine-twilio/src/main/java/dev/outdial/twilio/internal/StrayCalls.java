package dev.outdial.twilio.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hangs up a Twilio call that shows up, through a callback, for an engine call that already ended
 * without it — a create whose outcome stayed unknown after every look-up, which Twilio made after
 * all. The engine call keeps its end; the person is not left on a call nobody follows. Each such
 * call is hung up once.
 */
final class StrayCalls {
  private static final Logger LOG = LoggerFactory.getLogger(StrayCalls.class);

  private final CallRegistry registry;
  private final HangUpCall hangUps;

  StrayCalls(CallRegistry registry, HangUpCall hangUps) {
    this.registry = registry;
    this.hangUps = hangUps;
  }

  /**
   * A callback named Twilio call {@code sid} for engine call {@code callId}, which the dialer is no
   * longer working on; {@code status} is the call's status if the callback says. Returns whether it
   * was a stray call, now being hung up.
   */
  boolean hangUpIfStray(String callId, String sid, @Nullable String status) {
    if (!registry.endedLately(callId)
        || registry.knowsSid(sid)
        || (status != null && StatusMapping.isFinal(status))) {
      return false;
    }
    registry.rememberSid(sid);
    LOG.warn(
        "call {} ended before its Twilio call {} was known; Twilio made it after all: hanging it up",
        callId,
        sid);
    hangUps.send(callId, sid, "completed", 1);
    return true;
  }
}
