package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a create that got no clear answer (a 5xx, a time-out, a connection lost mid-way)
 * did, by asking Twilio rather than guessing: {@code GET Calls.json?To=..&From=..}, newest first.
 *
 * <p>A call between the same numbers, created no earlier than {@link #CLOCK_SKEW} before the engine
 * dialled, and whose sid no other call of this dialer holds, is this call: it is adopted and no
 * second create is sent. If there is none, a new create is allowed (decided by the look-up, not
 * blind) while attempts remain. If the look-up itself keeps failing, the call ends {@code error}
 * rather than risk dialling the person twice.
 */
public final class FindCreatedCall {
  /** How far Twilio's clock may run behind ours (dates also lose their sub-second part). */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(FindCreatedCall.class);

  private final TwilioApi api;
  private final Scheduler scheduler;
  private final Backoff backoff;
  private final CallRegistry registry;
  private final AdoptCall adopt;
  private final EndCall ends;
  private final Consumer<CallState> createAgain;

  public FindCreatedCall(
      TwilioApi api,
      Scheduler scheduler,
      Backoff backoff,
      CallRegistry registry,
      AdoptCall adopt,
      EndCall ends,
      Consumer<CallState> createAgain) {
    this.api = api;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.registry = registry;
    this.adopt = adopt;
    this.ends = ends;
    this.createAgain = createAgain;
  }

  /**
   * Looks the call up after a back-off (giving a slow create time to land), because its create
   * ended with {@code why}.
   */
  public void lookUp(CallState state, String why) {
    plan(state, why, 1, null);
  }

  private void plan(CallState state, String why, int attempt, @Nullable Duration retryAfter) {
    if (!state.waitFor(CallState.Phase.LOOKING_UP)) {
      return;
    }
    state.timer(
        scheduler.schedule(backoff.delay(attempt, retryAfter), () -> send(state, why, attempt)));
  }

  private void send(CallState state, String why, int attempt) {
    if (state.ended() || state.sid() != null) {
      return;
    }
    api.listCalls(
        state.call().to(),
        state.call().from(),
        (answer, failure) -> settle(state, why, attempt, answer, failure));
  }

  private void settle(
      CallState state,
      String why,
      int attempt,
      @Nullable ApiAnswer answer,
      @Nullable Throwable failure) {
    if (state.ended() || state.sid() != null) {
      return;
    }
    List<CallResource> page =
        answer != null && answer.isSuccess() ? CallResource.listOf(answer.json()) : null;
    if (page == null) {
      String problem =
          answer == null
              ? Failures.describe(failure == null ? new IllegalStateException() : failure)
              : answer.isSuccess()
                  ? "HTTP " + answer.status() + " without a list of calls"
                  : ApiError.of(answer).detail();
      if (attempt < backoff.maxAttempts()) {
        LOG.warn(
            "call {}: looking up whether Twilio created it failed, retrying: {}",
            state.callId(),
            problem);
        plan(state, why, attempt + 1, answer == null ? null : answer.retryAfter());
      } else {
        ends.end(
            state,
            EndedReason.ERROR,
            "unknown whether Twilio created the call (create: "
                + why
                + "; look-up: "
                + problem
                + "); not dialled again");
      }
      return;
    }
    List<CallResource> matches = matches(state, page);
    if (!matches.isEmpty()) {
      CallResource found = matches.get(matches.size() - 1);
      if (matches.size() > 1) {
        LOG.warn(
            "call {}: Twilio has {} calls to {} since it was dialled; adopting the first, {}",
            state.callId(),
            matches.size(),
            state.call().to(),
            found.sid());
      }
      LOG.warn(
          "call {}: create ended with {}, but Twilio had created {}: adopted, not dialled again",
          state.callId(),
          why,
          found.sid());
      adopt.adopt(state, found.sid(), "look-up");
      return;
    }
    if (state.hangUpRequested()) {
      ends.end(state, EndedReason.CANCELED, "campaign canceled before Twilio created the call");
    } else if (state.createAttempts() < backoff.maxAttempts()) {
      LOG.warn(
          "call {}: create ended with {} and Twilio has no such call: creating it again",
          state.callId(),
          why);
      createAgain.accept(state);
    } else {
      ends.end(
          state,
          EndedReason.DIAL_FAILED,
          why + " (gave up after " + state.createAttempts() + " attempts)");
    }
  }

  private List<CallResource> matches(CallState state, List<CallResource> calls) {
    List<CallResource> matches = new ArrayList<>();
    for (CallResource call : calls) {
      if (call.to().equals(state.call().to())
          && call.from().equals(state.call().from())
          && call.dateCreated() != null
          && !call.dateCreated().isBefore(state.dialledAt().minus(CLOCK_SKEW))
          && !registry.knowsSid(call.sid())) {
        matches.add(call);
      }
    }
    return matches;
  }
}
