package dev.outdial.twilio.internal;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one signed answering-machine-detection callback ({@code AnsweredBy}) to its call.
 *
 * <p>{@code machine_start} and {@code machine_end_*}: the call is hung up through the REST API and
 * will end {@code voicemail_detected}, unless the host leaves a message (then it ends when Twilio
 * reports it completed). {@code fax}: hung up, will end {@code voicemail_detected} — no message can
 * be left on a fax. The end is reported to the engine only once Twilio says the call is over (its
 * final callback, or reconciliation): until then the call holds its slot, so the key's calls at
 * Twilio never exceed its limit, even when the hang-up is slow or fails. {@code human} and {@code
 * unknown}: the call goes on. A repeated verdict changes nothing.
 */
public final class ApplyAmdCallback {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyAmdCallback.class);

  private final CallRegistry registry;
  private final AdoptCall adopt;
  private final HangUpCall hangUps;
  private final StrayCalls strays;
  private final boolean leaveVoicemail;

  public ApplyAmdCallback(
      CallRegistry registry, AdoptCall adopt, HangUpCall hangUps, boolean leaveVoicemail) {
    this.registry = registry;
    this.adopt = adopt;
    this.hangUps = hangUps;
    this.strays = new StrayCalls(registry, hangUps);
    this.leaveVoicemail = leaveVoicemail;
  }

  /** Applies the verdict for engine call {@code callId}. */
  public void apply(String callId, String callSid, Map<String, List<String>> params) {
    CallState state = registry.get(callId);
    if (state == null) {
      if (!strays.hangUpIfStray(callId, callSid, null)) {
        Unknown.log(LOG, registry, callId, callSid, "AMD");
      }
      return;
    }
    if (!adopt.adopt(state, callSid, "an AMD callback")) {
      return;
    }
    String answeredBy = Form.first(params, "AnsweredBy");
    if (answeredBy == null || answeredBy.isEmpty() || !state.answeredBy(answeredBy)) {
      return;
    }
    if (!StatusMapping.isMachine(answeredBy)) {
      LOG.debug("call {} (twilio {}): answered by {}", callId, callSid, answeredBy);
      return;
    }
    boolean fax = answeredBy.equals("fax");
    if (leaveVoicemail && !fax) {
      LOG.debug("call {} (twilio {}): {}; the agent leaves a message", callId, callSid, answeredBy);
      return;
    }
    LOG.debug("call {} (twilio {}): {}; hanging up", callId, callSid, answeredBy);
    if (state.endAsMachine("AnsweredBy=" + answeredBy)) {
      hangUps.send(callId, callSid, "completed", 1);
    }
  }
}
