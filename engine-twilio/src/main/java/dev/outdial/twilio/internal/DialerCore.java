package dev.outdial.twilio.internal;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.twilio.Scheduler;
import dev.outdial.twilio.TwilioSettings;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Wires the dialer's parts together and is what {@code TwilioDialer} delegates to. */
public final class DialerCore {
  private final InstantSource clock;
  private final InFlight inFlight = new InFlight();
  private final CallRegistry registry = new CallRegistry();
  private final EndCall ends = new EndCall(registry);
  private final HangUpCall hangUps;
  private final PlaceCall place;
  private final ApplyStatusCallback statusCallbacks;
  private final ApplyAmdCallback amdCallbacks;

  /**
   * @param keyLimits each API key's limits (as the engine has them), to pace a key's creates; or
   *     {@code null} to pace by the account's rate only
   */
  public DialerCore(
      TwilioSettings settings,
      HttpClient http,
      Scheduler scheduler,
      InstantSource clock,
      @Nullable Function<String, KeyLimits> keyLimits) {
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
    this.place =
        new PlaceCall(
            api, scheduler, backoff, pacer, new CreateCallForm(settings), adopt, ends, find);
    this.statusCallbacks = new ApplyStatusCallback(registry, adopt, ends, hangUps);
    this.amdCallbacks = new ApplyAmdCallback(registry, adopt, hangUps, settings.leaveVoicemail());
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

  /** The call being dialled with this id, until it ends. */
  public Optional<OutboundCall> call(String callId) {
    CallState state = registry.get(callId);
    return state == null ? Optional.empty() : Optional.of(state.call());
  }

  public void statusCallback(String callId, String callSid, Map<String, List<String>> params) {
    statusCallbacks.apply(callId, callSid, params);
  }

  public void amdCallback(String callId, String callSid, Map<String, List<String>> params) {
    amdCallbacks.apply(callId, callSid, params);
  }

  /** Completes when no request to Twilio is under way. */
  public CompletableFuture<Void> idle() {
    return inFlight.idle();
  }
}
