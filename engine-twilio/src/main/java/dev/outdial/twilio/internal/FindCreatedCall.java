package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Twilio call a create with no clear answer (a 5xx, a time-out, a connection lost
 * mid-way) may have made, by asking Twilio rather than guessing: {@code GET
 * Calls.json?To=..&From=..}, newest first, every status (queued calls included).
 *
 * <p>Such a call is never created again: Twilio may process the request late, or list the call
 * late, and a second create would ring the person twice. So the dialer looks several times over
 * about two minutes ({@link #LOOK_UPS} after the uncertain answer). A call between the same
 * numbers, created no earlier than {@link #CLOCK_SKEW} before the engine dialled, and whose sid no
 * other call of this dialer holds, is this call: it is adopted. If none is listed by the last
 * look-up (or the look-ups keep failing), the call ends {@code error}, saying the outcome is
 * unknown — or {@code canceled} if its campaign was canceled meanwhile.
 */
public final class FindCreatedCall {
  /** How far Twilio's clock may run behind ours (dates also lose their sub-second part). */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** When the look-ups go, counted from the uncertain answer: six over two minutes. */
  static final List<Duration> LOOK_UPS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120));

  private static final Logger LOG = LoggerFactory.getLogger(FindCreatedCall.class);

  /** How long after an uncertain create the last look-up goes. */
  static Duration lastLookUp() {
    return LOOK_UPS.get(LOOK_UPS.size() - 1);
  }

  private final TwilioApi api;
  private final Scheduler scheduler;
  private final InstantSource clock;
  private final CallRegistry registry;
  private final AdoptCall adopt;
  private final EndCall ends;

  public FindCreatedCall(
      TwilioApi api,
      Scheduler scheduler,
      InstantSource clock,
      CallRegistry registry,
      AdoptCall adopt,
      EndCall ends) {
    this.api = api;
    this.scheduler = scheduler;
    this.clock = clock;
    this.registry = registry;
    this.adopt = adopt;
    this.ends = ends;
  }

  /** Starts looking for the call, whose create ended with {@code why}. */
  public void lookUp(CallState state, String why) {
    plan(state, new Search(why, clock.instant()), 0, null);
  }

  /** One call's search: why it is needed and when it began. */
  private record Search(String why, Instant began) {}

  private void plan(CallState state, Search search, int index, @Nullable Duration retryAfter) {
    if (!state.waitFor(CallState.Phase.LOOKING_UP)) {
      return;
    }
    Instant now = clock.instant();
    Instant due = search.began().plus(LOOK_UPS.get(index));
    if (retryAfter != null && now.plus(retryAfter).isAfter(due)) {
      due = now.plus(retryAfter);
    }
    Duration delay = due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO;
    state.timer(scheduler.schedule(delay, () -> send(state, search, index)));
  }

  private void send(CallState state, Search search, int index) {
    if (state.ended() || state.sid() != null) {
      return;
    }
    api.listCalls(
        state.call().to(),
        state.call().from(),
        (answer, failure) -> settle(state, search, index, answer, failure));
  }

  private void settle(
      CallState state,
      Search search,
      int index,
      @Nullable ApiAnswer answer,
      @Nullable Throwable failure) {
    if (state.ended() || state.sid() != null) {
      return;
    }
    List<CallResource> page =
        answer != null && answer.isSuccess() ? CallResource.listOf(answer.json()) : null;
    if (page != null) {
      List<CallResource> matches = matches(state, page);
      if (!matches.isEmpty()) {
        adoptFound(state, search, matches);
        return;
      }
    }
    String problem =
        page != null
            ? "not listed by Twilio"
            : answer == null
                ? Failures.describe(failure == null ? new IllegalStateException() : failure)
                : answer.isSuccess()
                    ? "HTTP " + answer.status() + " without a list of calls"
                    : ApiError.of(answer).detail();
    if (index + 1 < LOOK_UPS.size()) {
      LOG.warn(
          "call {}: looked for the call Twilio may have created ({}); looking again",
          state.callId(),
          problem);
      plan(state, search, index + 1, answer == null ? null : answer.retryAfter());
      return;
    }
    String unknown =
        "unknown whether Twilio created the call (create: "
            + search.why()
            + "; "
            + LOOK_UPS.size()
            + " look-ups over "
            + LOOK_UPS.get(LOOK_UPS.size() - 1).toSeconds()
            + " s, the last: "
            + problem
            + "); not dialled again";
    if (state.hangUpRequested()) {
      ends.end(state, EndedReason.CANCELED, "campaign canceled; " + unknown);
    } else {
      ends.end(state, EndedReason.ERROR, unknown);
    }
  }

  private void adoptFound(CallState state, Search search, List<CallResource> matches) {
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
        search.why(),
        found.sid());
    adopt.adopt(state, found.sid(), "look-up");
  }

  private List<CallResource> matches(CallState state, List<CallResource> calls) {
    List<CallResource> matches = new ArrayList<>();
    for (CallResource call : calls) {
      if (couldBe(call, state.call().to(), state.call().from(), state.dialledAt(), registry)) {
        matches.add(call);
      }
    }
    return matches;
  }

  /**
   * Whether a listed Twilio call can be the one the engine dialled at {@code dialledAt} from {@code
   * from} to {@code to}: the same numbers, created no earlier than {@link #CLOCK_SKEW} before the
   * dial, and no other call of this dialer's.
   */
  static boolean couldBe(
      CallResource call, String to, String from, Instant dialledAt, CallRegistry registry) {
    return call.to().equals(to)
        && call.from().equals(from)
        && call.dateCreated() != null
        && !call.dateCreated().isBefore(dialledAt.minus(CLOCK_SKEW))
        && !registry.knowsSid(call.sid());
  }
}
