package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.CreateGuard;
import dev.outdial.twilio.Scheduler;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Twilio call for an engine call ({@code POST Calls.json}) and reads the answer. Every
 * attempt, first or retry, first books its turn with the {@link CreatePacer} (the key's and the
 * account's rate) and waits for it.
 *
 * <ul>
 *   <li>2xx with a sid: the call is placed;
 *   <li>429 or error 20429, or a connection never made: sent again after a back-off, while attempts
 *       remain, else the call is reported not placed and the account down ({@link AccountHealth});
 *   <li>an account-wide refusal (HTTP 401, errors 20003, 20005, 20006): reported not placed at
 *       once, the account down — Twilio certainly created nothing, so the recipient stays queued;
 *   <li>5xx, a time-out, a connection lost mid-way, or a 2xx without a sid: never sent again
 *       blindly — {@link FindCreatedCall} asks Twilio first;
 *   <li>any other 4xx (21211, 21210, 21212, 21215, 21216, 21217, ...): the call ends {@code
 *       dial_failed} with Twilio's code and message: a failure of this recipient's call.
 * </ul>
 */
public final class PlaceCall {
  private static final Logger LOG = LoggerFactory.getLogger(PlaceCall.class);

  private final TwilioApi api;
  private final Scheduler scheduler;
  private final CreateGuard guard;
  private final Backoff backoff;
  private final CreatePacer pacer;
  private final CreateCallForm forms;
  private final AdoptCall adopt;
  private final EndCall ends;
  private final FindCreatedCall find;
  private final AccountHealth account;

  public PlaceCall(
      TwilioApi api,
      Scheduler scheduler,
      Backoff backoff,
      CreatePacer pacer,
      CreateCallForm forms,
      AdoptCall adopt,
      EndCall ends,
      FindCreatedCall find,
      AccountHealth account,
      CreateGuard guard) {
    this.api = api;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.pacer = pacer;
    this.forms = forms;
    this.adopt = adopt;
    this.ends = ends;
    this.find = find;
    this.account = account;
    this.guard = guard;
  }

  /** Sends the first create. */
  public void start(CallState state) {
    attempt(state);
  }

  private void attempt(CallState state) {
    if (abandoned(state)) {
      return;
    }
    if (account.isDown()) {
      if (ends.notPlaced(state, "the Twilio account cannot place calls now")) {
        account.reportedNotPlaced(state.sink());
      }
      return;
    }
    Duration wait = pacer.book(state.call().keyId());
    if (wait.isZero()) {
      send(state);
    } else if (state.waitFor(CallState.Phase.WAITING_TO_CREATE)) {
      LOG.debug(
          "call {}: create waits {} for the key's or the account's rate", state.callId(), wait);
      state.timer(scheduler.schedule(wait, () -> send(state)));
    }
  }

  private boolean abandoned(CallState state) {
    if (state.hangUpRequested() && state.sid() == null) {
      ends.end(state, EndedReason.CANCELED, "campaign canceled before Twilio created the call");
      return true;
    }
    return false;
  }

  private void send(CallState state) {
    if (abandoned(state)) {
      return;
    }
    String refusal = guard.refusal(state.call());
    if (refusal != null) {
      ends.notPlaced(state, "not created: " + refusal); // certain: no request was sent
      return;
    }
    if (!state.beginCreate()) {
      return;
    }
    api.createCall(
        forms.encode(state.call()),
        () -> guard.refusal(state.call()),
        (answer, failure) -> settle(state, answer, failure));
  }

  private void settle(CallState state, @Nullable ApiAnswer answer, @Nullable Throwable failure) {
    GuardedBody.Withheld withheld = GuardedBody.withheld(failure);
    if (answer == null && withheld != null) {
      ends.notPlaced(state, "not created: " + withheld.getMessage()); // its body never left
      return;
    }
    if (answer == null) {
      Throwable cause = failure == null ? new IllegalStateException("no answer") : failure;
      String problem = Failures.describe(cause);
      switch (Failures.classify(cause)) {
        case NOT_SENT -> retry(state, "could not reach Twilio: " + problem, null);
        case MAYBE_SENT -> find.lookUp(state, "no answer from Twilio: " + problem);
        case OTHER -> ends.end(state, EndedReason.DIAL_FAILED, "create failed: " + problem);
      }
      return;
    }
    if (answer.isSuccess()) {
      CallResource call = CallResource.of(answer.json());
      if (call != null) {
        adopt.adopt(state, call.sid(), "create");
      } else {
        find.lookUp(state, "HTTP " + answer.status() + " without a call sid");
      }
      return;
    }
    ApiError error = ApiError.of(answer);
    if (error.isAccountLevel()) {
      notPlaced(state, error.detail());
    } else if (error.isTooManyRequests()) {
      retry(state, error.detail(), answer.retryAfter());
    } else if (error.isServerError()) {
      LOG.warn("call {}: create answered {}; looking it up", state.callId(), error.detail());
      find.lookUp(state, error.detail());
    } else {
      ends.end(state, EndedReason.DIAL_FAILED, error.detail());
    }
  }

  private void retry(CallState state, String why, @Nullable Duration retryAfter) {
    if (state.hangUpRequested()) {
      ends.end(state, EndedReason.CANCELED, "campaign canceled before Twilio created the call");
      return;
    }
    int attempts = state.createAttempts();
    if (attempts >= backoff.maxAttempts()) {
      notPlaced(state, why + " (gave up after " + attempts + " attempts)");
      return;
    }
    if (!state.waitFor(CallState.Phase.WAITING_TO_CREATE)) {
      return;
    }
    LOG.warn("call {}: create not taken ({}); retrying", state.callId(), why);
    state.timer(scheduler.schedule(backoff.delay(attempts, retryAfter), () -> attempt(state)));
  }

  /** Twilio certainly did not create the call, and no call of the account can go now. */
  private void notPlaced(CallState state, String why) {
    if (abandoned(state)) {
      return;
    }
    account.failed(state.sink(), why);
    if (ends.notPlaced(state, why)) {
      account.reportedNotPlaced(state.sink());
    }
  }
}
