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
 *
 * <p>A call taken over after a restart ({@link CallState#restored()}) has no known maximum
 * duration, so it is never hung up for lasting: it is checked {@code reconcileMargin} after it was
 * taken over, then at doubling intervals (at most {@link #LONGEST_FOLLOW_INTERVAL} apart) until
 * Twilio reports it over. Twilio ends every call within its {@code TimeLimit} (24 hours at most);
 * one still not over past {@link #RESTORED_LIFETIME} after its dial ends {@code error}.
 */
public final class ReconcileCall {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileCall.class);

  /** The longest wait between two checks of a call taken over after a restart. */
  static final Duration LONGEST_FOLLOW_INTERVAL = Duration.ofMinutes(10);

  /**
   * Twilio's longest {@code TimeLimit} plus an hour for queueing and ringing: a call taken over
   * after a restart and still reported going past this after its dial is given up on.
   */
  static final Duration RESTORED_LIFETIME =
      Duration.ofSeconds(CreateCallForm.LONGEST_TIME_LIMIT_SECONDS).plusHours(1);

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
    if (state.restored()) {
      state.timer(scheduler.schedule(margin, () -> check(state, 1)));
      return;
    }
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
    if (state.restored()) {
      followRestored(state, sid, round, why);
      return;
    }
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

  private void followRestored(CallState state, String sid, int round, String why) {
    if (!clock.instant().isBefore(state.dialledAt().plus(RESTORED_LIFETIME))) {
      ends.end(
          state,
          EndedReason.ERROR,
          "taken over after a restart; no final callback within "
              + RESTORED_LIFETIME.toHours()
              + " h of its dial, and "
              + why);
      return;
    }
    Duration wait = margin.multipliedBy(1L << Math.min(round, 20));
    if (wait.compareTo(LONGEST_FOLLOW_INTERVAL) > 0) {
      wait = LONGEST_FOLLOW_INTERVAL;
    }
    LOG.debug("call {} (twilio {}), taken over after a restart: {}", state.callId(), sid, why);
    state.timer(scheduler.schedule(wait, () -> check(state, round + 1)));
  }
}
