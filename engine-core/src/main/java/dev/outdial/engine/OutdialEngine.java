package dev.outdial.engine;

import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.check.CheckExpiry;
import dev.outdial.engine.internal.check.RequestValidator;
import dev.outdial.engine.internal.compliance.RecipientHours;
import dev.outdial.engine.internal.schedule.RealTimeDriver;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.spi.SuppressionList;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoredAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine: takes batch campaigns and dials their recipients through a {@link Dialer}, each
 * exactly once, only inside the campaign's calling window, within each API key's limits.
 *
 * <p>Every operation is scoped by the API key ({@code KEY_ID}) the host passes: a key sees and acts
 * on its own campaigns only; another key's campaign is answered {@code not_found}. Refusals are
 * {@link RejectedException}s that change nothing.
 *
 * <p>Two modes over the same code:
 *
 * <ul>
 *   <li><b>Deterministic</b> ({@link Builder#build()}): no thread of its own. The host (or a test)
 *       sets the clock and calls {@link #runDue()}, which does all work due at the clock's instant.
 *       Calls into the engine must come from one thread at a time.
 *   <li><b>Real time</b> ({@link Builder#start()}): one owner thread sleeps until the next deadline
 *       and does the work; any thread may call the engine. Close it when done.
 * </ul>
 *
 * <p>State is held in memory; with a {@linkplain Builder#store store} every change is also
 * committed there before it takes effect or is answered, and a restart brings it back
 * (docs/durability.md). A campaign is <em>finished</em> when it is {@code completed} or {@code
 * canceled} and none of its calls is still in progress (calls in progress when it was canceled end
 * afterwards). A finished campaign is kept for {@link Builder#finishedRetention} (24 hours by
 * default) from that instant, then dropped: from then on it, its calls and each of its calls by id
 * answer {@code not_found}, exactly like an id that never existed, and it takes no memory. Read or
 * record what you need before (an {@link EngineListener} hears every change as it happens).
 */
public final class OutdialEngine implements AutoCloseable {
  private final EngineCore core;
  private final RequestValidator validator;
  private final InstantSource clock;
  private final @Nullable RealTimeDriver driver;
  private final Recovery recovery;
  private final @Nullable CampaignStore store;
  private boolean storeClosed;
  private final Function<String, LocalHoursPolicy> localHoursDefault;

  private OutdialEngine(Builder builder, Dialer dialer, AgentDirectory agents, boolean realTime) {
    this.clock = builder.clock;
    this.store = builder.store;
    this.localHoursDefault = builder.localHoursDefault;
    this.validator = new RequestValidator(agents, builder.requestLimits);
    this.core =
        new EngineCore(
            dialer,
            builder.listener,
            builder.keyLimits,
            builder.defaultLimits,
            builder.maxCallDuration,
            builder.timeoutGrace,
            builder.finishedRetention,
            clock,
            builder.store,
            builder.suppression);
    this.recovery = core.recover(clock.instant());
    this.driver = realTime ? new RealTimeDriver(core, clock, "outdial-engine") : null;
    if (driver != null) {
      driver.start();
    }
  }

  /**
   * A builder with the defaults: system UTC clock, default key limits, 1 h calls, 2 min grace,
   * finished campaigns kept 24 h.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a campaign from the seed's request (SPEC §1–§2). Checks run in SPEC order and the first
   * failing group is thrown as a {@link RejectedException} listing all its problems; a rejected
   * request creates nothing.
   */
  public CampaignCreated create(String keyId, BatchCampaignRequest request) {
    requireKey(keyId);
    Objects.requireNonNull(request, "request");
    CampaignSpec spec = localHours(keyId, validator.validate(request));
    return onOwner(now -> core.create(keyId, spec, now, null));
  }

  /**
   * Creates a campaign as {@link #create(String, BatchCampaignRequest)} does, and a durable engine
   * commits the answer {@code idempotent} makes with it, in the same transaction: {@link
   * #firstAnswer} finds it from then on, across restarts. An in-memory engine keeps no answer.
   *
   * @throws dev.outdial.engine.store.StoreException if the store failed: nothing was created in
   *     memory; whether the store holds it is in doubt until the next start (a retry with the same
   *     idempotency key then finds it)
   */
  public CampaignCreated create(
      String keyId, BatchCampaignRequest request, IdempotentCreate idempotent) {
    requireKey(keyId);
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(idempotent, "idempotent");
    CampaignSpec spec = localHours(keyId, validator.validate(request));
    return onOwner(now -> core.create(keyId, spec, now, idempotent));
  }

  /**
   * The campaign under its recipient-local hours policy (its own, else its key's default), its
   * recipients placed in their hours here, on the caller's thread: placing a number costs a
   * libphonenumber look-up, and the engine's thread must not wait for thousands of them.
   */
  private CampaignSpec localHours(String keyId, CampaignSpec spec) {
    LocalHoursPolicy policy =
        spec.localHours() != null
            ? spec.localHours()
            : Objects.requireNonNull(localHoursDefault.apply(keyId), "localHoursDefault");
    return spec.withLocalHours(
        policy,
        policy == LocalHoursPolicy.OFF
            ? null
            : RecipientHours.assign(spec.phones(), spec.zone(), policy));
  }

  /**
   * The answer first given to the idempotent create {@code idempotencyKey} of {@code keyId}, as
   * long as its campaign is kept; always empty for an in-memory engine. A create that threw {@link
   * dev.outdial.engine.store.StoreException} after its commit took effect is found here too, and
   * its campaign is taken up from the store at once (else it would run only after a restart).
   */
  public Optional<StoredAnswer> firstAnswer(String keyId, String idempotencyKey) {
    requireKey(keyId);
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return onOwner(now -> core.firstAnswer(keyId, idempotencyKey, now));
  }

  /** What this engine brought back from its store when it started. */
  public Recovery recovery() {
    return recovery;
  }

  /**
   * Checks a request exactly as {@link #create} would, and creates nothing: empty when {@code
   * create} would accept it (against the agent directory as it is now), else the {@link Rejection}
   * it would throw. For hosts that need to merge their own checks with the engine's.
   */
  public Optional<Rejection> check(BatchCampaignRequest request) {
    Objects.requireNonNull(request, "request");
    try {
      // Its latest end is checked against the clock now; create checks it again at its instant.
      CheckExpiry.failIfNotAfter(validator.validate(request).expiresAt(), clock.instant());
      return Optional.empty();
    } catch (RejectedException e) {
      return Optional.of(e.rejection());
    }
  }

  /** Starts a {@code scheduled} campaign now, whatever its date; else {@code invalid_state}. */
  public CampaignView launch(String keyId, String campaignId) {
    requireKey(keyId);
    return onOwner(now -> core.launch(keyId, campaignId, now));
  }

  /** Stops new dials of a {@code running} campaign; calls in progress go on. */
  public CampaignView pause(String keyId, String campaignId) {
    requireKey(keyId);
    return onOwner(now -> core.pause(keyId, campaignId, now));
  }

  /** Lets a {@code paused} campaign dial again. */
  public CampaignView resume(String keyId, String campaignId) {
    requireKey(keyId);
    return onOwner(now -> core.resume(keyId, campaignId, now));
  }

  /**
   * Ends a campaign that is not yet completed or canceled: undialled recipients end {@code
   * canceled}; calls in progress finish, and the dialer is asked to hang them up.
   */
  public CampaignView cancel(String keyId, String campaignId) {
    requireKey(keyId);
    return onOwner(now -> core.cancel(keyId, campaignId, now));
  }

  /**
   * The campaign as it stands now; {@code not_found} once it finished more than the {@linkplain
   * Builder#finishedRetention retention} ago.
   */
  public CampaignView campaign(String keyId, String campaignId) {
    requireKey(keyId);
    return onOwner(now -> core.campaign(keyId, campaignId, now));
  }

  /**
   * Up to {@code limit} of the campaign's calls from {@code offset}, in dial order; {@code
   * not_found} once the campaign is dropped after its {@linkplain Builder#finishedRetention
   * retention}.
   */
  public CallPage calls(String keyId, String campaignId, int offset, int limit) {
    requireKey(keyId);
    return onOwner(now -> core.calls(keyId, campaignId, offset, limit, now));
  }

  /**
   * Every campaign of every key that is not yet completed or canceled, in creation order. For
   * operators (for example to log what is still open at shutdown); hosts answering a key use {@link
   * #campaign}. It costs what the open campaigns number, however many finished before.
   */
  public List<CampaignView> openCampaigns() {
    return onOwner(core::openCampaigns);
  }

  /**
   * One call by its id; {@code not_found} once its campaign is dropped after its {@linkplain
   * Builder#finishedRetention retention}.
   */
  public CallView call(String keyId, String callId) {
    requireKey(keyId);
    return onOwner(now -> core.call(keyId, callId, now));
  }

  /**
   * Deterministic mode: runs every piece of work due at the clock's instant (queued call ends,
   * firings, window openings, tokens, time-outs, dials) and returns when nothing more is due.
   *
   * @throws IllegalStateException in real-time mode, where the engine's own thread does this
   */
  public void runDue() {
    if (driver != null) {
      throw new IllegalStateException(
          "runDue() is for deterministic mode; this engine runs itself");
    }
    core.runDue(clock.instant());
  }

  /**
   * The instant work is next due (the clock's instant if some is pending now), or empty if none is
   * planned: no campaign waits for its date, window or token, no call can time out and no finished
   * campaign waits to be dropped after its retention.
   */
  public Optional<Instant> nextDeadline() {
    return Optional.ofNullable(onOwner(core::nextDeadline));
  }

  /**
   * In real-time mode stops the engine's thread after the pass under way (calls made afterwards
   * fail with {@link IllegalStateException}); in deterministic mode stops nothing. A durable engine
   * then commits what it has not yet committed and closes its store.
   */
  @Override
  public void close() {
    if (driver != null) {
      try {
        driver.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (store != null && !storeClosed) {
      storeClosed = true;
      try {
        core.commitPending(clock.instant()); // the driver has stopped: this thread owns the core
      } finally {
        store.close();
      }
    }
  }

  private <T> T onOwner(Function<Instant, T> operation) {
    if (driver != null && !driver.isRunning()) {
      throw new IllegalStateException("the engine is closed");
    }
    if (driver == null || driver.isOwnerThread()) {
      return operation.apply(clock.instant());
    }
    // The clock is read when the work runs on the owner thread, not when the pass began: work
    // posted while a pass is under way takes effect at the instant it is done.
    FutureTask<T> task = new FutureTask<>(() -> operation.apply(clock.instant()));
    core.post(task);
    try {
      while (true) {
        try {
          return task.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          if (!driver.isRunning()) {
            throw new IllegalStateException("the engine is closed");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the engine", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void requireKey(String keyId) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("keyId must not be blank");
    }
  }

  /** Configures an engine. Only the dialer and the agent directory are required. */
  public static final class Builder {
    private InstantSource clock = Clock.systemUTC();
    private @Nullable Dialer dialer;
    private @Nullable AgentDirectory agents;
    private KeyLimitsSource keyLimits = KeyLimitsSource.none();
    private KeyLimits defaultLimits = KeyLimits.DEFAULT;
    private @Nullable EngineListener listener;
    private RequestLimits requestLimits = RequestLimits.DEFAULT;
    private Duration maxCallDuration = Duration.ofHours(1);
    private Duration timeoutGrace = Duration.ofMinutes(2);
    private Duration finishedRetention = Duration.ofHours(24);
    private @Nullable CampaignStore store;
    private SuppressionList suppression = SuppressionList.none();
    private Function<String, LocalHoursPolicy> localHoursDefault = keyId -> LocalHoursPolicy.OFF;

    private Builder() {}

    /** The engine's clock; in deterministic mode usually a {@code SettableClock}. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Places the calls (required). */
    public Builder dialer(Dialer dialer) {
      this.dialer = Objects.requireNonNull(dialer, "dialer");
      return this;
    }

    /** The host's agents (required). */
    public Builder agents(AgentDirectory agents) {
      this.agents = Objects.requireNonNull(agents, "agents");
      return this;
    }

    /** Per-key limits; keys it does not know get {@link #defaultLimits}. */
    public Builder keyLimits(KeyLimitsSource keyLimits) {
      this.keyLimits = Objects.requireNonNull(keyLimits, "keyLimits");
      return this;
    }

    /** Limits for keys the {@link KeyLimitsSource} does not know; {@link KeyLimits#DEFAULT}. */
    public Builder defaultLimits(KeyLimits defaultLimits) {
      this.defaultLimits = Objects.requireNonNull(defaultLimits, "defaultLimits");
      return this;
    }

    /** Hears campaign and call events. */
    public Builder listener(EngineListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Size limits on requests; {@link RequestLimits#DEFAULT}. */
    public Builder requestLimits(RequestLimits requestLimits) {
      this.requestLimits = Objects.requireNonNull(requestLimits, "requestLimits");
      return this;
    }

    /** Longest a call may last (handed to the dialer); 1 hour by default. */
    public Builder maxCallDuration(Duration maxCallDuration) {
      this.maxCallDuration = positive(maxCallDuration, "maxCallDuration");
      return this;
    }

    /**
     * How long past the maximum duration the engine waits for a call's end before ending it {@code
     * timed_out} and freeing its slot; 2 minutes by default.
     */
    public Builder timeoutGrace(Duration timeoutGrace) {
      Objects.requireNonNull(timeoutGrace, "timeoutGrace");
      if (timeoutGrace.isNegative()) {
        throw new IllegalArgumentException(
            "timeoutGrace must not be negative, was " + timeoutGrace);
      }
      this.timeoutGrace = timeoutGrace;
      return this;
    }

    /**
     * How long a finished campaign (completed or canceled, no call left in progress) is kept in
     * memory before it is dropped and it and its calls answer {@code not_found}; 24 hours by
     * default. Zero drops it at the end of the engine pass in which it finished. Counted on the
     * engine's clock from the instant it finished; a drop is a deadline like any other ({@link
     * OutdialEngine#nextDeadline()}). A duration reaching past the end of time keeps campaigns for
     * good, and memory grows with every campaign created.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder finishedRetention(Duration finishedRetention) {
      Objects.requireNonNull(finishedRetention, "finishedRetention");
      if (finishedRetention.isNegative()) {
        throw new IllegalArgumentException(
            "finishedRetention must not be negative, was " + finishedRetention);
      }
      this.finishedRetention = finishedRetention;
      return this;
    }

    /**
     * Makes the engine durable: every change is committed to {@code store} before the engine acts
     * on it or answers for it (docs/durability.md), and at start the engine brings back what the
     * store holds, reconciling calls in doubt through the dialer ({@link Dialer#reconcile}) before
     * it dials anything. The engine owns the store from then on and closes it on {@link
     * OutdialEngine#close()}. Without one, state lives in memory only.
     */
    public Builder store(CampaignStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The host's do-not-call list, asked right before each recipient's call starts; a suppressed
     * recipient is never dialled and ends {@code suppressed} (docs/compliance.md). None by default.
     */
    public Builder suppression(SuppressionList suppression) {
      this.suppression = Objects.requireNonNull(suppression, "suppression");
      return this;
    }

    /**
     * The recipient-local hours policy of a key's campaigns whose request does not say ({@code
     * recipient_local_hours}); {@link LocalHoursPolicy#OFF} for every key by default.
     */
    public Builder localHoursDefault(Function<String, LocalHoursPolicy> localHoursDefault) {
      this.localHoursDefault = Objects.requireNonNull(localHoursDefault, "localHoursDefault");
      return this;
    }

    /** A deterministic engine: no thread; call {@link OutdialEngine#runDue()} yourself. */
    public OutdialEngine build() {
      return new OutdialEngine(this, requireDialer(), requireAgents(), false);
    }

    /** A real-time engine whose own thread does the work as it falls due. Close it when done. */
    public OutdialEngine start() {
      return new OutdialEngine(this, requireDialer(), requireAgents(), true);
    }

    private Dialer requireDialer() {
      if (dialer == null) {
        throw new IllegalStateException("an engine needs a dialer: call dialer(...)");
      }
      return dialer;
    }

    private AgentDirectory requireAgents() {
      if (agents == null) {
        throw new IllegalStateException("an engine needs an agent directory: call agents(...)");
      }
      return agents;
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
