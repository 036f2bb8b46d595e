package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Twilio about a call whose final callback never came ({@code GET Calls/{sid}.json}), before
 * the engine's time-out frees its slot.
 *
 * <p>The first check runs {@code ringTimeout + maxDuration + reconcileMargin} after the engine
 * dialled: by then Twilio has normally ended it (it rings at most {@code Timeout} and lasts at most
 * {@code TimeLimit}). A final status ends the call. A call still going is hung up and checked once
 * more {@code reconcileMargin} later; if Twilio still cannot say, the call ends {@code error}. A
 * call a machine verdict hung up ends {@code voicemail_detected} either way, its detail saying how.
 */
public final class ReconcileCall {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileCall.class);

  private final TwilioApi api;
  private final Scheduler scheduler;
  private final EndCall ends;
  private final HangUpCall hangUps;
  private final Duration ringTimeout;
  private final Duration margin;
  private final InstantSource clock;

  public ReconcileCall(
      TwilioApi api,
      Scheduler scheduler,
      EndCall ends,
      HangUpCall hangUps,
      Duration ringTimeout,
      Duration margin,
      InstantSource clock) {
    this.api = api;
    this.scheduler = scheduler;
    this.ends = ends;
    this.hangUps = hangUps;
    this.ringTimeout = ringTimeout;
    this.margin = margin;
    this.clock = clock;
  }

  /**
   * Plans the first check of a call Twilio just created, counted from when the engine dialled it
   * (the engine's time-out is counted from then too, however long creating took).
   */
  public void schedule(CallState state) {
    Instant due = state.dialledAt().plus(ringTimeout).plus(state.call().maxDuration()).plus(margin);
    Duration delay = Duration.between(clock.instant(), due);
    state.timer(
        scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> check(state, 1)));
  }

  private void check(CallState state, int round) {
    String sid = state.sid();
    if (state.ended() || sid == null) {
      return;
    }
    api.fetchCall(sid, (answer, failure) -> settle(state, sid, round, answer, failure));
  }

  private void settle(
      CallState state,
      String sid,
      int round,
      @Nullable ApiAnswer answer,
      @Nullable Throwable failure) {
    if (state.ended()) {
      return;
    }
    if (answer != null && answer.isSuccess()) {
      CallResource call = CallResource.of(answer.json());
      if (call != null) {
        Optional<EndedReason> end =
            StatusMapping.endFor(
                call.status(), call.answeredBy() != null ? call.answeredBy() : state.answeredBy());
        if (end.isPresent()) {
          LOG.warn(
              "call {} (twilio {}): no final callback came; Twilio reports {}",
              state.callId(),
              sid,
              call.status());
          String reconciled =
              "no final callback; reconciled from Twilio's call status " + call.status();
          String machineEnd = state.machineEnd();
          if (machineEnd != null) {
            ends.end(state, EndedReason.VOICEMAIL_DETECTED, machineEnd + "; " + reconciled);
          } else {
            ends.end(state, end.get(), reconciled);
          }
          return;
        }
        stillGoing(state, sid, round, "Twilio still reports it " + call.status());
        return;
      }
    }
    if (answer != null && answer.status() == 404) {
      ends.end(state, EndedReason.ERROR, "Twilio does not know call " + sid);
      return;
    }
    String problem =
        answer != null
            ? ApiError.of(answer).detail()
            : Failures.describe(failure == null ? new IllegalStateException() : failure);
    stillGoing(state, sid, round, "checking its status failed: " + problem);
  }

  private void stillGoing(CallState state, String sid, int round, String why) {
    if (round >= 2) {
      String machineEnd = state.machineEnd();
      if (machineEnd != null) {
        ends.end(
            state, EndedReason.VOICEMAIL_DETECTED, machineEnd + "; no final callback, and " + why);
      } else {
        ends.end(state, EndedReason.ERROR, "no final callback, and " + why);
      }
      return;
    }
    LOG.warn(
        "call {} (twilio {}): no final callback past its longest duration, and {}; hanging up",
        state.callId(),
        sid,
        why);
    hangUps.send(state.callId(), sid, "completed", 1);
    state.timer(scheduler.schedule(margin, () -> check(state, round + 1)));
  }
}
