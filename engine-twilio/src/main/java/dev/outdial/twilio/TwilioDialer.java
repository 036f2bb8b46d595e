package dev.outdial.twilio;

import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.CallInDoubt;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.twilio.internal.DialerCore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Dialer} that places each engine call as a Twilio call, with asynchronous
 * answering-machine detection, and turns Twilio's signed callbacks back into call ends.
 *
 * <p>Promises:
 *
 * <ul>
 *   <li>{@link #dial} never blocks: it sends {@code POST Calls.json} with {@code
 *       HttpClient.sendAsync} and returns.
 *   <li>Every create request — first attempts and retries — is paced by the key's token bucket (see
 *       {@link Builder#keyLimits}) and by the account's ({@link TwilioSettings#callsPerSecond()},
 *       {@link TwilioSettings#accountBurst()}), shared by all keys; a create waits for both.
 *   <li>A person is never dialled twice by a retry: only a create Twilio certainly did not take
 *       (429 / error 20429, or a connection never made) is sent again, with back-off. After a 5xx
 *       or a time-out the call is never created again: the dialer asks Twilio ({@code GET
 *       Calls.json?To=..&From=..}) several times over about two minutes and adopts the call it
 *       finds, else ends the call {@code error} (outcome unknown).
 *   <li>A call a machine answered ends {@code voicemail_detected}, but the engine is told only once
 *       Twilio reports the call over (or reconciliation finds it so): its slot is held until the
 *       call is gone at Twilio.
 *   <li>Other 4xx answers (21211, 21210, 21212, 21215, 21216, 21217, ...) end the call {@code
 *       dial_failed} with Twilio's code and message as detail. Account-wide ones (401, 20003,
 *       20005, 20006), and a connection or 429s past the retry budget, are no fault of the
 *       recipient: the call is reported not placed ({@code CallEndSink.notPlaced}: the recipient
 *       stays queued and the key's dialling is suspended), and the account is probed until it takes
 *       calls again ({@code CallEndSink.dialerAvailable}).
 *   <li>Calls end from callbacks (see {@link TwilioWebhooks}); a call whose final callback never
 *       comes is asked about ({@code GET Calls/{sid}.json}) before the engine's time-out.
 *   <li>{@link #hangUp} (campaign canceled) cancels a queued or ringing call, completes an answered
 *       one, and drops a create still waiting for its retry (the call ends {@code canceled}).
 *   <li>Twilio's sid is reported ({@code CallEndSink.callPlaced}) as soon as the dialer learns it:
 *       from the create's answer, a look-up, or a callback naming it.
 *   <li>{@link #reconcile} answers from Twilio's records what became of a call dialled before a
 *       restart, and takes over a call still going; it never creates one.
 * </ul>
 *
 * <p>Thread-safe. Close it to stop its scheduler thread (when it owns one).
 */
public final class TwilioDialer implements Dialer, AutoCloseable {
  private final TwilioSettings settings;
  private final DialerCore core;
  private final TwilioWebhooks webhooks;
  private final @Nullable ScheduledThreadPoolExecutor ownScheduler;

  private TwilioDialer(
      TwilioSettings settings,
      Scheduler scheduler,
      InstantSource clock,
      @Nullable Function<String, KeyLimits> keyLimits,
      CreateGuard guard,
      @Nullable ScheduledThreadPoolExecutor ownScheduler) {
    this.settings = settings;
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.core = new DialerCore(settings, http, scheduler, clock, keyLimits, guard);
    this.webhooks = new TwilioWebhooks(settings, core);
    this.ownScheduler = ownScheduler;
  }

  /** A dialer with its own scheduler thread and the system clock. */
  public static TwilioDialer create(TwilioSettings settings) {
    return builder(settings).build();
  }

  /**
   * How many calls of {@code keyId} this dialer follows whose Twilio sid it does not know yet:
   * waiting for their pace, being created, or being looked up after an answerless create. A cluster
   * node handing a key over waits for none to be left before it stops the key's engine.
   */
  public int unplacedCalls(String keyId) {
    return core.unplaced(keyId);
  }

  /**
   * Reports every call of {@code keyId} whose create is waiting for its turn (the pace, or a
   * back-off) as not placed, at once, without sending it: the engine puts their recipients back in
   * their queues. A cluster node handing a key over does this so that the key's next owner dials
   * them, rather than finding them in doubt.
   *
   * @return how many were withheld
   */
  public int withholdCreates(String keyId, String why) {
    return core.withholdCreates(keyId, why);
  }

  /** A builder, to pass a scheduler and clock (tests do, to run delayed work by hand). */
  public static Builder builder(TwilioSettings settings) {
    return new Builder(settings);
  }

  @Override
  public void dial(OutboundCall call, CallEndSink ends) {
    core.dial(Objects.requireNonNull(call, "call"), Objects.requireNonNull(ends, "ends"));
  }

  @Override
  public void hangUp(String callId) {
    core.hangUp(callId);
  }

  /**
   * Asks Twilio what became of a call a previous process dialled and whose end the engine never
   * committed; never creates a call. Blocks the calling thread until Twilio answers: one request,
   * asked again with back-off after a 429, a 5xx or a network failure, within {@link
   * TwilioSettings#retry()}'s attempts.
   *
   * <ul>
   *   <li>With its reference (Twilio's CallSid): {@code GET Calls/{Sid}.json}. {@code completed},
   *       {@code busy}, {@code no-answer}, {@code failed}, {@code canceled} end it as their status
   *       callbacks would ({@code completed}, {@code busy}, {@code no_answer}, {@code dial_failed},
   *       {@code canceled}; {@code voicemail_detected} if a machine answered), detail {@code
   *       CallStatus=..}; {@code queued}, {@code initiated}, {@code ringing}, {@code in-progress}
   *       answer {@link CallFate#inProgress()} and the dialer takes the call over: its callbacks
   *       end it through {@code ends} under its call id, {@link #hangUp} hangs it up, and it is
   *       checked now and then in case its final callback is lost. A 404 is unknown.
   *   <li>Without one: {@code GET Calls.json?To=..&From=..} (one page, newest first), keeping the
   *       calls created no earlier than a minute before {@code startedAt} that no other call of
   *       this dialer holds. Exactly one is this call (its fate as above; {@code ends.callPlaced}
   *       tells its sid when it is taken over); none or several is unknown.
   *   <li>Any other failure, or the attempts running out, is unknown, with Twilio's error.
   * </ul>
   *
   * <p>Mount {@link #webhooks()} before or after calling it: a callback that comes before the call
   * is taken over is answered 204 and dropped, and the check after {@link
   * TwilioSettings#reconcileMargin()} reads the status it carried.
   */
  @Override
  public CallFate reconcile(CallInDoubt call, CallEndSink ends) {
    return core.reconcile(
        Objects.requireNonNull(call, "call"), Objects.requireNonNull(ends, "ends"));
  }

  /**
   * The call with this id while it is being dialled or in progress, for the host's TwiML endpoint
   * (Twilio requests it with {@code call_id} in the query): its agent, prompt and variables. Empty
   * once the call has ended, and for a call taken over after a restart ({@link #reconcile}), whose
   * agent, prompt and variables the dialer was not told: the host finds them in its own store.
   */
  public Optional<OutboundCall> call(String callId) {
    return core.call(callId);
  }

  /**
   * Asks Twilio whether it takes the configured credentials ({@code GET Accounts/{sid}.json}),
   * waiting at most the request time-out: Twilio's refusal (e.g. {@code twilio error 20003 (HTTP
   * 401): Authenticate}) if it refused them; empty if it took them or could not be reached.
   */
  public Optional<String> credentialsRefused() {
    return core.credentialsRefused();
  }

  /** The webhook routes that feed this dialer's calls their ends. */
  public TwilioWebhooks webhooks() {
    return webhooks;
  }

  /** The settings it runs with. */
  public TwilioSettings settings() {
    return settings;
  }

  /**
   * Completes when no request to Twilio is under way and every answer received has been acted on
   * (delayed work waiting in the scheduler does not count). Tests wait on it instead of sleeping.
   */
  public CompletableFuture<Void> idle() {
    return core.idle();
  }

  /** Stops the scheduler thread this dialer owns; a scheduler passed in is left alone. */
  @Override
  public void close() {
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
  }

  /** Configures a {@link TwilioDialer}. */
  public static final class Builder {
    private final TwilioSettings settings;
    private @Nullable Scheduler scheduler;
    private InstantSource clock = Clock.systemUTC();
    private @Nullable KeyLimitsSource keyLimits;
    private @Nullable KeyLimits defaultKeyLimits;
    private CreateGuard guard = CreateGuard.NONE;

    private Builder(TwilioSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Runs delayed work (retries, look-ups, reconciliation); by default a thread of its own. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The clock calls are dated with (to match them in look-ups); the system clock by default. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The keys' limits, the same values the host gives the engine ({@code
     * OutdialEngine.Builder.keyLimits} and {@code defaultLimits}): the dialer paces every create
     * request of a key — retries after a 429 or a refused connection included — by the key's token
     * bucket, so a key's creates stay within its rate. Without them only the account's rate ({@link
     * TwilioSettings#callsPerSecond()}) paces creates.
     */
    public Builder keyLimits(KeyLimitsSource source, KeyLimits defaults) {
      this.keyLimits = Objects.requireNonNull(source, "source");
      this.defaultKeyLimits = Objects.requireNonNull(defaults, "defaults");
      return this;
    }

    /** Asked before each create request is sent; by default every create is sent. */
    public Builder createGuard(CreateGuard guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    public TwilioDialer build() {
      Function<String, KeyLimits> limits = keyLimits();
      if (scheduler != null) {
        return new TwilioDialer(settings, scheduler, clock, limits, guard, null);
      }
      ScheduledThreadPoolExecutor own =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "outdial-twilio-scheduler");
                thread.setDaemon(true);
                return thread;
              });
      own.setRemoveOnCancelPolicy(true);
      return new TwilioDialer(settings, Scheduler.of(own), clock, limits, guard, own);
    }

    private @Nullable Function<String, KeyLimits> keyLimits() {
      KeyLimitsSource source = keyLimits;
      KeyLimits defaults = defaultKeyLimits;
      if (source == null || defaults == null) {
        return null;
      }
      return keyId -> {
        try {
          return source.limitsFor(keyId).orElse(defaults);
        } catch (RuntimeException e) {
          return defaults; // as the engine does: a failing source gives the default
        }
      };
    }
  }
}
