package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one signed status callback ({@code CallStatus}, {@code SequenceNumber}, ...) to its call.
 *
 * <p>A callback whose {@code SequenceNumber} is not above the last one applied is a repeat or out
 * of order and changes nothing. Non-final statuses are only recorded ({@code queued}, {@code
 * initiated}, {@code ringing}, {@code in-progress}); final ones end the call (SPEC §6): {@code
 * completed} → {@code completed} ({@code voicemail_detected} if a machine answered), {@code busy},
 * {@code no-answer} → {@code no_answer}, {@code failed} → {@code dial_failed}, {@code canceled}.
 * Twilio's {@code ErrorCode}, {@code ErrorMessage} and {@code SipResponseCode} are kept as detail.
 * A call a machine verdict hung up ends {@code voicemail_detected} on any final status.
 */
public final class ApplyStatusCallback {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyStatusCallback.class);

  private final CallRegistry registry;
  private final AdoptCall adopt;
  private final EndCall ends;
  private final HangUpCall hangUps;
  private final StrayCalls strays;

  public ApplyStatusCallback(
      CallRegistry registry, AdoptCall adopt, EndCall ends, HangUpCall hangUps) {
    this.registry = registry;
    this.adopt = adopt;
    this.ends = ends;
    this.hangUps = hangUps;
    this.strays = new StrayCalls(registry, hangUps);
  }

  /** Applies the callback for engine call {@code callId} with these form parameters. */
  public void apply(String callId, String callSid, Map<String, List<String>> params) {
    CallState state = registry.get(callId);
    if (state == null) {
      if (!strays.hangUpIfStray(callId, callSid, Form.first(params, "CallStatus"))) {
        Unknown.log(LOG, registry, callId, callSid, "status");
      }
      return;
    }
    if (!adopt.adopt(state, callSid, "a status callback")) {
      return;
    }
    String status = Form.first(params, "CallStatus");
    if (status == null || status.isEmpty()) {
      LOG.warn("call {} (twilio {}): status callback without CallStatus", callId, callSid);
      return;
    }
    Long sequence = sequence(params);
    if (!state.applyStatus(sequence, status)) {
      LOG.debug(
          "call {} (twilio {}): callback {} #{} repeated or out of order, ignored",
          callId,
          callSid,
          status,
          sequence);
      return;
    }
    String answeredBy = Form.first(params, "AnsweredBy");
    if (answeredBy != null && !answeredBy.isEmpty()) {
      state.answeredBy(answeredBy);
    }
    Optional<EndedReason> end = StatusMapping.endFor(status, state.answeredBy());
    String machineEnd = state.machineEnd();
    if (end.isPresent() && machineEnd != null) {
      ends.end(state, EndedReason.VOICEMAIL_DETECTED, machineEnd);
    } else if (end.isPresent()) {
      ends.end(state, end.get(), detail(status, params, end.get(), state.answeredBy()));
    } else if (status.equals("in-progress") && state.hangUpRequested()) {
      hangUps.hangUp(state); // a "canceled" sent while it rang does not stop an answered call
    }
  }

  private static @Nullable Long sequence(Map<String, List<String>> params) {
    String value = Form.first(params, "SequenceNumber");
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException unreadable) {
      return null;
    }
  }

  private static @Nullable String detail(
      String status,
      Map<String, List<String>> params,
      EndedReason reason,
      @Nullable String answeredBy) {
    StringBuilder detail = new StringBuilder();
    append(detail, "ErrorCode", Form.first(params, "ErrorCode"));
    append(detail, "ErrorMessage", Form.first(params, "ErrorMessage"));
    append(detail, "SipResponseCode", Form.first(params, "SipResponseCode"));
    if (reason == EndedReason.VOICEMAIL_DETECTED) {
      append(detail, "AnsweredBy", answeredBy);
    }
    if (detail.length() == 0) {
      return reason == EndedReason.DIAL_FAILED ? "CallStatus=" + status : null;
    }
    return "CallStatus=" + status + detail;
  }

  private static void append(StringBuilder detail, String name, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      detail.append(", ").append(name).append('=').append(value);
    }
  }
}
