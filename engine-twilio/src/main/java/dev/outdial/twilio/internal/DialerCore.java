package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.CallInDoubt;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.twilio.CreateGuard;
import dev.outdial.twilio.Scheduler;
import dev.outdial.twilio.TwilioSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the dialer's parts together and is what {@code TwilioDialer} delegates to. */
public final class DialerCore {
  private static final Logger LOG = LoggerFactory.getLogger(DialerCore.class);

  private final InstantSource clock;
  private final TwilioApi api;
  private final InFlight inFlight = new InFlight();
  private final CallRegistry registry = new CallRegistry();
  private final EndCall ends = new EndCall(registry);
  private final HangUpCall hangUps;
  private final PlaceCall place;
  private final ApplyStatusCallback statusCallbacks;
  private final ApplyAmdCallback amdCallbacks;
  private final ReconcileAfterRestart restarts;
  private final Duration longestReconcile;

  /**
   * @param keyLimits each API key's limits (as the engine has them), to pace a key's creates; or
   *     {@code null} to pace by the account's rate only
   */
  public DialerCore(
      TwilioSettings settings,
      HttpClient http,
      Scheduler scheduler,
      InstantSource clock,
      @Nullable Function<String, KeyLimits> keyLimits,
      CreateGuard guard) {
    this.clock = clock;
    TwilioApi api = new TwilioApi(settings, http, inFlight);
    Backoff backoff = new Backoff(settings.retry(), () -> ThreadLocalRandom.current().nextDouble());
    this.hangUps = new HangUpCall(api, scheduler, backoff);
    ReconcileCall reconcile =
        new ReconcileCall(
            api,
            scheduler,
            ends,
            hangUps,
            settings.ringTimeout(),
            settings.reconcileMargin(),
            clock);
    AdoptCall adopt = new AdoptCall(registry, reconcile, hangUps);
    CreatePacer pacer =
        new CreatePacer(clock, settings.callsPerSecond(), settings.accountBurst(), keyLimits);
    FindCreatedCall find = new FindCreatedCall(api, scheduler, clock, registry, adopt, ends);
    this.api = api;
    AccountHealth account = new AccountHealth(api, scheduler, settings.accountSid());
    this.place =
        new PlaceCall(
            api,
            scheduler,
            backoff,
            pacer,
            new CreateCallForm(settings),
            adopt,
            ends,
            find,
            account,
            guard);
    this.statusCallbacks = new ApplyStatusCallback(registry, adopt, ends, hangUps);
    this.amdCallbacks = new ApplyAmdCallback(registry, adopt, hangUps, settings.leaveVoicemail());
    this.restarts =
        new ReconcileAfterRestart(
            api, scheduler, backoff, clock, registry, adopt, hangUps, settings.leaveVoicemail());
    this.longestReconcile = restarts.longestWait(settings.requestTimeout());
  }

  /** Starts creating the call; returns at once. */
  public void dial(OutboundCall call, CallEndSink sink) {
    CallState state = new CallState(call, sink, clock.instant());
    if (!registry.register(state)) {
      throw new IllegalStateException("call " + call.callId() + " is already being dialled");
    }
    place.start(state);
  }

  /** Hangs the call up, now or as soon as Twilio's sid is known. */
  public void hangUp(String callId) {
    CallState state = registry.get(callId);
    if (state == null) {
      return;
    }
    switch (state.requestHangUp()) {
      case ABANDON ->
          ends.end(state, EndedReason.CANCELED, "campaign canceled before Twilio created the call");
      case NOW -> hangUps.hangUp(state);
      case LATER -> {}
    }
  }

  /**
   * The call being dialled with this id, until it ends; empty for a call taken over after a
   * restart, whose agent, prompt and variables the dialer was not told.
   */
  public Optional<OutboundCall> call(String callId) {
    CallState state = registry.get(callId);
    return state == null || state.restored() ? Optional.empty() : Optional.of(state.call());
  }

  /**
   * What became of a call a previous process dialled ({@code Dialer.reconcile}): waits for Twilio's
   * answer, at most every attempt's time-out and back-off; never throws.
   */
  public CallFate reconcile(CallInDoubt call, CallEndSink sink) {
    CompletableFuture<CallFate> fate = restarts.reconcile(call, sink);
    try {
      return fate.get(longestReconcile.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fate.complete(CallFate.unknown("interrupted while asking Twilio about the call"));
    } catch (TimeoutException e) {
      fate.complete(
          CallFate.unknown(
              "Twilio's answers about the call took longer than "
                  + longestReconcile.toSeconds()
                  + " s; not dialled again"));
    } catch (ExecutionException e) {
      fate.complete(CallFate.unknown("asking Twilio about the call failed: " + e.getCause()));
    }
    return fate.join();
  }

  public void statusCallback(String callId, String callSid, Map<String, List<String>> params) {
    statusCallbacks.apply(callId, callSid, params);
  }

  public void amdCallback(String callId, String callSid, Map<String, List<String>> params) {
    amdCallbacks.apply(callId, callSid, params);
  }

  /**
   * Asks Twilio whether it takes the credentials ({@code GET Accounts/{sid}.json}), waiting at most
   * the request time-out: the refusal's detail if Twilio refused them, empty if it took them or
   * could not be asked.
   */
  public Optional<String> credentialsRefused() {
    CompletableFuture<Optional<String>> verdict = new CompletableFuture<>();
    api.fetchAccount(
        (answer, failure) -> {
          if (answer != null && !answer.isSuccess()) {
            ApiError error = ApiError.of(answer);
            verdict.complete(
                error.isAccountLevel() || answer.status() == 404
                    ? Optional.of(error.detail())
                    : Optional.empty());
          } else {
            if (answer == null) {
              LOG.warn(
                  "could not ask Twilio whether it takes the credentials ({}); going on",
                  Failures.describe(
                      failure == null ? new IllegalStateException("no answer") : failure));
            }
            verdict.complete(Optional.empty());
          }
        });
    return verdict.join();
  }

  /** Completes when no request to Twilio is under way. */
  public CompletableFuture<Void> idle() {
    return inFlight.idle();
  }

  /** See {@code TwilioDialer.unplacedCalls}. */
  public int unplaced(String keyId) {
    return registry.unplaced(keyId);
  }

  /** See {@code TwilioDialer.withholdCreates}. */
  public int withholdCreates(String keyId, String why) {
    int withheld = 0;
    for (CallState state : registry.ofKey(keyId)) {
      if (state.waitingToCreate() && ends.notPlaced(state, why)) {
        withheld++;
      }
    }
    return withheld;
  }
}
