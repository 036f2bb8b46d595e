package dev.outdial.twilio.internal;

import dev.outdial.twilio.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hangs a Twilio call up ({@code POST Calls/{sid}.json}, {@code Status=canceled} or {@code
 * completed}). A hang-up is idempotent, so 429, 5xx and network failures are retried with back-off.
 * The call's end still comes from its final callback (or reconciliation).
 */
public final class HangUpCall {
  private static final Logger LOG = LoggerFactory.getLogger(HangUpCall.class);

  private final TwilioApi api;
  private final Scheduler scheduler;
  private final Backoff backoff;

  public HangUpCall(TwilioApi api, Scheduler scheduler, Backoff backoff) {
    this.api = api;
    this.scheduler = scheduler;
    this.backoff = backoff;
  }

  /** Hangs the call up the way its last known status calls for, unless that was already asked. */
  public void hangUp(CallState state) {
    String sid = state.sid();
    if (sid == null) {
      return; // adopting the sid hangs it up
    }
    String status = state.nextHangUp();
    if (status != null) {
      send(state.callId(), sid, status, 1);
    }
  }

  /** Sends {@code Status=status} for Twilio call {@code sid} (of engine call {@code callId}). */
  public void send(String callId, String sid, String status, int attempt) {
    api.updateStatus(
        sid, status, (answer, failure) -> settle(callId, sid, status, attempt, answer, failure));
  }

  private void settle(
      String callId,
      String sid,
      String status,
      int attempt,
      @Nullable ApiAnswer answer,
      @Nullable Throwable failure) {
    String problem;
    if (answer != null && answer.isSuccess()) {
      LOG.debug("call {} (twilio {}): hang-up {} accepted", callId, sid, status);
      return;
    } else if (answer != null) {
      ApiError error = ApiError.of(answer);
      if (!error.isTooManyRequests() && !error.isServerError()) {
        LOG.warn(
            "call {} (twilio {}): hang-up {} refused: {}", callId, sid, status, error.detail());
        return;
      }
      problem = error.detail();
    } else {
      problem = Failures.describe(failure == null ? new IllegalStateException() : failure);
    }
    if (attempt >= backoff.maxAttempts()) {
      LOG.warn(
          "call {} (twilio {}): hang-up {} gave up after {} attempts: {}",
          callId,
          sid,
          status,
          attempt,
          problem);
      return;
    }
    LOG.warn("call {} (twilio {}): hang-up {} failed, retrying: {}", callId, sid, status, problem);
    scheduler.schedule(
        backoff.delay(attempt, answer == null ? null : answer.retryAfter()),
        () -> send(callId, sid, status, attempt + 1));
  }
}
