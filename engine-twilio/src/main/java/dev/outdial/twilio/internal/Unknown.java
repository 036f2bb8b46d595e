package dev.outdial.twilio.internal;

import org.slf4j.Logger;

/** Logs a callback for a call the dialer is not working on. */
final class Unknown {
  private Unknown() {}

  static void log(Logger log, CallRegistry registry, String callId, String callSid, String kind) {
    if (registry.endedLately(callId)) {
      log.debug("{} callback for ended call {} (twilio {}) ignored", kind, callId, callSid);
    } else {
      log.info("{} callback for unknown call {} (twilio {}) ignored", kind, callId, callSid);
    }
  }
}
