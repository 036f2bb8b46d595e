package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.CallInDoubt;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.twilio.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out what became of a call a previous process dialled and whose end the engine never
 * committed ({@code Dialer.reconcile}), by asking Twilio — never by creating the call.
 *
 * <ul>
 *   <li>With its sid: {@code GET Calls/{Sid}.json}. A final status is the call's end, read as a
 *       status callback is ({@link StatusMapping}; a call a machine answered ends {@code
 *       voicemail_detected}); a call still going is taken over (below); a 404 means Twilio does not
 *       know the sid: unknown.
 *   <li>Without it: the look-up of an answerless create ({@code GET Calls.json?To=..&From=..}, one
 *       page, newest first), read with the same rule ({@link FindCreatedCall#couldBe}) from the
 *       instant the engine committed the intent. Exactly one such call is this call; none, or more
 *       than one, or a page too full to tell, is unknown — Twilio may list a call late, so "none
 *       listed" never proves that none was made.
 *   <li>429, 5xx and network failures are asked again with back-off, within the retry policy's
 *       attempts; then, like any other refusal, the call is unknown, with Twilio's error as detail.
 * </ul>
 *
 * <p>A call taken over is followed as if this process had dialled it: its callbacks end it through
 * the engine's sink under its call id, it can be hung up, and it is checked from time to time in
 * case its final callback is lost ({@link ReconcileCall}). A call whose fate is ended or unknown is
 * remembered as ended, so a callback naming a Twilio call nobody follows for it has that call hung
 * up ({@link StrayCalls}).
 */
public final class ReconcileAfterRestart {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileAfterRestart.class);
  private static final String NOT_DIALLED = "; not dialled again";

  private final TwilioApi api;
  private final Scheduler scheduler;
  private final Backoff backoff;
  private final InstantSource clock;
  private final CallRegistry registry;
  private final AdoptCall adopt;
  private final HangUpCall hangUps;
  private final boolean leaveVoicemail;

  public ReconcileAfterRestart(
      TwilioApi api,
      Scheduler scheduler,
      Backoff backoff,
      InstantSource clock,
      CallRegistry registry,
      AdoptCall adopt,
      HangUpCall hangUps,
      boolean leaveVoicemail) {
    this.api = api;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.clock = clock;
    this.registry = registry;
    this.adopt = adopt;
    this.hangUps = hangUps;
    this.leaveVoicemail = leaveVoicemail;
  }

  /** The call's fate, once Twilio answered (or the attempts ran out). Never fails. */
  public CompletableFuture<CallFate> reconcile(CallInDoubt call, CallEndSink sink) {
    CompletableFuture<CallFate> fate = new CompletableFuture<>();
    fate.thenAccept(
        settled -> {
          if (settled.kind() != CallFate.Kind.IN_PROGRESS) {
            registry.rememberEnded(call.callId()); // a stray Twilio call for it is hung up
          }
          if (settled.kind() == CallFate.Kind.UNKNOWN) {
            LOG.warn("call {}: unknown after a restart: {}", call.callId(), settled.detail());
          }
        });
    CallState live = registry.get(call.callId());
    if (live != null) {
      // Followed already (asked twice, or a key back on this node): its end goes to the asker.
      live.followedBy(sink);
      fate.complete(CallFate.inProgress());
      return fate;
    }
    String sid = call.reference();
    if (sid != null) {
      ask(
          reply -> api.fetchCall(sid, reply),
          "asking Twilio about call " + sid,
          1,
          fate,
          answer -> byReference(call, sid, sink, answer));
    } else {
      ask(
          reply -> api.listCalls(call.to(), call.from(), reply),
          "looking up calls from " + call.from() + " to " + call.to(),
          1,
          fate,
          answer -> byLookUp(call, sink, answer));
    }
    return fate;
  }

  /**
   * The longest {@link #reconcile} can take while Twilio answers or keeps failing: every attempt's
   * request time-out and the longest back-off between them.
   */
  public Duration longestWait(Duration requestTimeout) {
    return requestTimeout.plus(Backoff.LONGEST_RETRY_AFTER).multipliedBy(backoff.maxAttempts());
  }

  private void ask(
      Consumer<TwilioApi.Reply> request,
      String what,
      int attempt,
      CompletableFuture<CallFate> fate,
      Function<ApiAnswer, CallFate> read) {
    try {
      request.accept(
          (answer, failure) -> {
            try {
              settle(request, what, attempt, fate, read, answer, failure);
            } catch (RuntimeException bug) {
              fate.complete(CallFate.unknown(what + " failed: " + Failures.describe(bug)));
              throw bug;
            }
          });
    } catch (RuntimeException bug) {
      fate.complete(CallFate.unknown(what + " failed: " + Failures.describe(bug)));
    }
  }

  private void settle(
      Consumer<TwilioApi.Reply> request,
      String what,
      int attempt,
      CompletableFuture<CallFate> fate,
      Function<ApiAnswer, CallFate> read,
      @Nullable ApiAnswer answer,
      @Nullable Throwable failure) {
    if (fate.isDone()) {
      return; // the caller stopped waiting
    }
    String problem;
    if (answer != null) {
      ApiError error = ApiError.of(answer);
      if (answer.isSuccess() || !(error.isTooManyRequests() || error.isServerError())) {
        fate.complete(read.apply(answer));
        return;
      }
      problem = error.detail();
    } else {
      Throwable cause = failure == null ? new IllegalStateException("no answer") : failure;
      problem = Failures.describe(cause);
      if (Failures.classify(cause) == Failures.Kind.OTHER) {
        fate.complete(CallFate.unknown(what + " failed: " + problem + NOT_DIALLED));
        return;
      }
    }
    if (attempt >= backoff.maxAttempts()) {
      fate.complete(
          CallFate.unknown(
              what + " failed " + attempt + " times, the last: " + problem + NOT_DIALLED));
      return;
    }
    LOG.warn("{} after a restart failed ({}); asking again", what, problem);
    Duration delay = backoff.delay(attempt, answer == null ? null : answer.retryAfter());
    scheduler.schedule(delay, () -> ask(request, what, attempt + 1, fate, read));
  }

  private CallFate byReference(CallInDoubt call, String sid, CallEndSink sink, ApiAnswer answer) {
    if (!answer.isSuccess()) {
      String error = ApiError.of(answer).detail();
      return CallFate.unknown(
          (answer.status() == 404
                  ? "Twilio does not know call " + sid + " (" + error + ")"
                  : "asking Twilio about call " + sid + " was refused: " + error)
              + NOT_DIALLED);
    }
    CallResource found = CallResource.of(answer.json());
    if (found == null || !found.sid().equals(sid)) {
      return CallFate.unknown(
          "Twilio's answer about call " + sid + " is not that call (HTTP " + answer.status() + ")");
    }
    return fateOf(call, found, sink);
  }

  private CallFate byLookUp(CallInDoubt call, CallEndSink sink, ApiAnswer answer) {
    if (!answer.isSuccess()) {
      return CallFate.unknown(
          "looking up calls from "
              + call.from()
              + " to "
              + call.to()
              + " was refused: "
              + ApiError.of(answer).detail()
              + NOT_DIALLED);
    }
    List<CallResource> page = CallResource.listOf(answer.json());
    if (page == null) {
      return CallFate.unknown(
          "Twilio's answer to the look-up (HTTP " + answer.status() + ") is not a list of calls");
    }
    Instant since = call.startedAt().minus(FindCreatedCall.CLOCK_SKEW);
    String between = "from " + call.from() + " to " + call.to() + " created since " + since;
    if (mayGoOn(page, since)) {
      return CallFate.unknown(
          "Twilio lists at least " + page.size() + " calls " + between + NOT_DIALLED);
    }
    List<CallResource> matches = new ArrayList<>();
    for (CallResource listed : page) {
      if (FindCreatedCall.couldBe(listed, call.to(), call.from(), call.startedAt(), registry)) {
        matches.add(listed);
      }
    }
    if (matches.size() > 1) {
      return CallFate.unknown(
          "Twilio lists "
              + matches.size()
              + " calls "
              + between
              + " ("
              + matches.stream().map(CallResource::sid).collect(Collectors.joining(", "))
              + "): cannot tell which is this one"
              + NOT_DIALLED);
    }
    if (matches.isEmpty()) {
      Duration age = Duration.between(call.startedAt(), clock.instant());
      boolean recent = age.compareTo(FindCreatedCall.lastLookUp()) < 0;
      return CallFate.unknown(
          "Twilio lists no call "
              + between
              + ": it may never have been created"
              + (recent ? " (or lists it late: it was dialled " + age.toSeconds() + " s ago)" : "")
              + NOT_DIALLED);
    }
    LOG.warn(
        "call {} had no twilio sid; the look-up after a restart found {}",
        call.callId(),
        matches.get(0).sid());
    return fateOf(call, matches.get(0), sink);
  }

  /** Whether the page is full and its oldest call may be this one: more may follow. */
  private static boolean mayGoOn(List<CallResource> page, Instant since) {
    if (page.size() < TwilioApi.LIST_PAGE_SIZE) {
      return false;
    }
    Instant oldest = page.get(page.size() - 1).dateCreated();
    return oldest == null || !oldest.isBefore(since);
  }

  private CallFate fateOf(CallInDoubt call, CallResource found, CallEndSink sink) {
    registry.rememberSid(found.sid());
    if (StatusMapping.isFinal(found.status())) {
      EndedReason reason =
          StatusMapping.isMachine(found.answeredBy())
              ? EndedReason.VOICEMAIL_DETECTED
              : StatusMapping.endFor(found.status(), null).orElseThrow();
      return CallFate.ended(reason, detail(found, reason));
    }
    takeOver(call, found, sink);
    return CallFate.inProgress();
  }

  private void takeOver(CallInDoubt call, CallResource found, CallEndSink sink) {
    OutboundCall outbound =
        new OutboundCall(
            call.callId(),
            call.campaignId(),
            call.keyId(),
            "",
            call.from(),
            call.to(),
            "",
            Map.of(),
            Duration.ofSeconds(CreateCallForm.LONGEST_TIME_LIMIT_SECONDS));
    CallState state = CallState.restored(outbound, sink, call.startedAt());
    if (!registry.register(state)) {
      return; // taken over by a concurrent reconcile of the same call
    }
    state.applyStatus(null, found.status());
    String answeredBy = found.answeredBy();
    if (answeredBy != null) {
      state.answeredBy(answeredBy);
    }
    LOG.warn(
        "call {} (twilio {}) is {} after a restart: taken over",
        call.callId(),
        found.sid(),
        found.status());
    adopt.adopt(state, found.sid(), "reconciliation after a restart");
    if (StatusMapping.isMachine(answeredBy)
        && (!leaveVoicemail || "fax".equals(answeredBy))
        && state.endAsMachine("AnsweredBy=" + answeredBy)) {
      hangUps.send(call.callId(), found.sid(), "completed", 1); // the verdict came before the crash
    }
  }

  private static String detail(CallResource found, EndedReason reason) {
    String answeredBy =
        reason == EndedReason.VOICEMAIL_DETECTED && found.answeredBy() != null
            ? ", AnsweredBy=" + found.answeredBy()
            : "";
    return "CallStatus="
        + found.status()
        + answeredBy
        + "; reconciled after a restart from Twilio call "
        + found.sid();
  }
}
