package dev.outdial.engine.internal.state;

import dev.outdial.engine.CallPage;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.IdempotentCreate;
import dev.outdial.engine.Recovery;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.check.CheckExpiry;
import dev.outdial.engine.internal.check.Rejections;
import dev.outdial.engine.internal.compliance.RecipientHours;
import dev.outdial.engine.internal.schedule.Inbox;
import dev.outdial.engine.internal.schedule.TimerQueue;
import dev.outdial.engine.internal.store.Journal;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.spi.SuppressionList;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.store.StoredAttempt;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All mutable engine state and every operation on it. Not thread-safe by design: exactly one thread
 * at a time (the owner) calls it, so the hot paths take no lock. Other threads reach it through the
 * {@link Inbox}.
 */
public final class EngineCore {
  private static final Logger log = LoggerFactory.getLogger(EngineCore.class);

  private final Map<String, KeyState> keys = new HashMap<>();
  private final TimerQueue timers = new TimerQueue();
  private final Inbox inbox = new Inbox();
  private final IdCodec campaignIds;
  private final CallIds callIds;
  private final Campaigns campaigns;
  private final StateChanges changes;
  private final Dispatcher dispatcher;
  private final CampaignReads reads;
  private final DialerReports reports;
  private final Dialer dialer;
  private final KeyLimitsSource limitsSource;
  private final KeyLimits defaultLimits;
  private final InstantSource clock;
  private final Journal journal;
  private final CallEndSink sink;
  private final Duration timeoutAfter;
  private @Nullable StoredEngine loaded;

  /** When this engine began to read its store: recovery counts from here. */
  final long startedNanos;

  private long campaignCounter;
  private static final int SECRET_BYTES = 32;

  /**
   * The thread running a {@link #runDue} pass, or null between passes. Plain, not volatile (a fence
   * per pass would double the idle tick): another thread may read a stale value, but never itself,
   * since each thread only ever writes itself here and then null.
   */
  private @Nullable Thread passThread;

  /** End reports made on the pass's own thread (from inside {@code dial}): no hand-off needed. */
  private final ArrayDeque<Runnable> ownReports = new ArrayDeque<>();

  /**
   * An engine. With a {@code store}, call {@link #recover} before anything else: it reads the
   * store's secret and state.
   */
  public EngineCore(
      Dialer dialer,
      @Nullable EngineListener listener,
      KeyLimitsSource limitsSource,
      KeyLimits defaultLimits,
      Duration maxCallDuration,
      Duration timeoutGrace,
      Duration retention,
      InstantSource clock,
      @Nullable CampaignStore store,
      SuppressionList suppression) {
    this.journal = new Journal(store);
    this.startedNanos = System.nanoTime();
    this.loaded = store == null ? null : store.load();
    byte[] secret = loaded == null ? null : loaded.secret();
    if (secret == null) {
      secret = new byte[SECRET_BYTES];
      new SecureRandom().nextBytes(secret);
      journal.add(new StoreChange.Secret(secret.clone()));
    } else if (secret.length != SECRET_BYTES) {
      throw new StoreException(
          "the store's id secret has " + secret.length + " bytes, not " + SECRET_BYTES);
    }
    this.campaignIds = new IdCodec("batchcall_", secret, 0);
    CampaignTable table = new CampaignTable();
    this.callIds = new CallIds(new IdCodec("call_", secret, 16), table);
    this.campaigns = new Campaigns(table, new Retention(retention), timers, journal);
    // The ignoring listener is no listener: no event is built for it (firing stays O(keys)).
    boolean listening = listener != null && listener != EngineListener.none();
    this.changes =
        new StateChanges(
            listener == null ? EngineListener.none() : listener,
            listening,
            campaigns,
            journal,
            timers);
    this.dialer = dialer;
    this.limitsSource = limitsSource;
    this.defaultLimits = defaultLimits;
    this.clock = clock;
    this.sink = new Sink();
    this.dispatcher =
        new Dispatcher(
            dialer,
            clock,
            sink,
            changes,
            callIds,
            timers,
            journal,
            suppression,
            maxCallDuration,
            timeoutGrace);
    this.timeoutAfter = maxCallDuration.plus(timeoutGrace);
    this.reads = new CampaignReads(campaigns, campaignIds, callIds, journal, keys, defaultLimits);
    this.reports = new DialerReports(keys, callIds, changes, dispatcher, clock);
  }

  /**
   * A durable engine's start: commits a new store's secret, brings back every campaign the store
   * holds, and reconciles through the dialer each call whose intent was committed and whose end was
   * not. Nothing is dialled until it returns. Without a store it does nothing.
   *
   * @throws StoreException if the store cannot be read or written
   */
  public Recovery recover(Instant now) {
    if (loaded == null) {
      return Recovery.NONE;
    }
    Recovery recovery = new Restore(this, loaded, dialer, sink, now).run();
    loaded = null; // let go of what was read: its recipients now live in the campaigns
    journal.commit(now);
    return recovery;
  }

  /** Sets what wakes the owner thread when another thread posts work. */
  public void onPost(Runnable wake) {
    inbox.onPost(wake);
  }

  /** Queues work for the owner thread (safe from any thread). */
  public void post(Runnable work) {
    inbox.post(work);
  }

  /**
   * Registers a validated campaign: scheduled with its firing timer, or running at once. A durable
   * engine commits it (with its idempotent answer, if any) before it takes effect.
   *
   * @throws StoreException if the commit failed: nothing was created in memory (whether the store
   *     has it is in doubt until the next start)
   */
  public CampaignCreated create(
      String keyId, CampaignSpec spec, Instant now, @Nullable IdempotentCreate idempotent) {
    CheckExpiry.failIfNotAfter(spec.expiresAt(), now);
    KeyState key = keys.computeIfAbsent(keyId, this::newKey);
    long counter = campaignCounter++;
    String id = campaignIds.encode(counter);
    // A waiting campaign's memory is mostly what it shares with the key's previous ones: the
    // window, the key's id, the firing instant (docs/benchmarks.md, memory).
    CallingWindow window =
        key.sameWindow(spec.window() != null ? spec.window() : CallingWindow.always(spec.zone()));
    if (spec.window() != null && spec.window() != window) {
      spec = spec.withWindow(window);
    }
    Instant firesAt = null;
    CampaignStatus status = CampaignStatus.RUNNING;
    if (spec.scheduledDate() != null) {
      Instant due = spec.scheduledDate().atStartOfDay(spec.zone()).toInstant();
      firesAt = window.nextOpening(due.isAfter(now) ? due : now);
      // Due and open already: it fires at its creation instant, so it is running from the start.
      if (firesAt.isAfter(now)) {
        status = CampaignStatus.SCHEDULED;
        Cohort joining = key.cohortAt(firesAt);
        if (joining != null) {
          firesAt = joining.firesAt; // the cohort's instance, not an equal one of its own
        }
      }
    }
    long base = callIds.reserve(spec.callSpan());
    CampaignCreated created =
        new CampaignCreated(
            id,
            status,
            spec.phones().length,
            spec.invalid().size(),
            spec.invalid(),
            spec.zone(),
            spec.zoneSource(),
            firesAt,
            spec.duplicateIndexes().size(),
            spec.duplicateIndexes());
    if (journal.durable()) {
      try {
        commitCreated(counter, keyId, base, spec, now, status, firesAt, created, idempotent);
      } catch (StoreException e) {
        campaigns.inDoubt(counter, base); // its place, should the commit have taken effect
        throw e;
      }
    }
    CampaignState campaign = new CampaignState(id, spec, window, base, now, firesAt, key, status);
    campaigns.add(counter, campaign);
    if (status == CampaignStatus.SCHEDULED) {
      Cohort cohort = cohortAt(key, firesAt);
      cohort.add(campaign);
      campaign.cohort = cohort;
    } else {
      dispatcher.offer(campaign);
    }
    changes.created(campaign, now);
    skipUnplaced(campaign, now);
    if (spec.expiresAt() != null && !campaign.status().isFinal()) {
      timers.add(new Timer.Expires(spec.expiresAt(), campaign));
    }
    return created;
  }

  /**
   * Ends, without a call, each queued recipient the local-hours guard could not place in a time
   * zone (under {@code skip_unknown}).
   */
  private void skipUnplaced(CampaignState campaign, Instant now) {
    RecipientHours hours = campaign.spec.hours();
    if (hours == null || hours.skipped().isEmpty()) {
      return;
    }
    hours.skipped().entrySet().stream()
        .filter(skipped -> campaign.callStatus(skipped.getKey()) == CallStatus.QUEUED)
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            skipped ->
                changes.recipientSkippedAt(
                    campaign,
                    callIds.of(campaign, skipped.getKey()),
                    skipped.getKey(),
                    EndedReason.SKIPPED,
                    skipped.getValue(),
                    now));
  }

  private void commitCreated(
      long counter,
      String keyId,
      long base,
      CampaignSpec spec,
      Instant now,
      CampaignStatus status,
      @Nullable Instant firesAt,
      CampaignCreated created,
      @Nullable IdempotentCreate idempotent) {
    StoredAnswer answer =
        idempotent == null
            ? null
            : new StoredAnswer(
                keyId,
                idempotent.idempotencyKey(),
                created.campaignId(),
                idempotent.fingerprint(),
                idempotent.answer().apply(created));
    StoreChange change =
        new StoreChange.Created(
            StoredCampaigns.of(
                created.campaignId(), counter, keyId, base, spec, now, status, firesAt),
            answer);
    commitNow(change, now);
  }

  /** Records {@code change} and commits; on failure it is forgotten, and the failure thrown. */
  private void commitNow(StoreChange change, Instant now) {
    journal.add(change);
    try {
      journal.commit(now);
    } catch (StoreException e) {
      journal.undoLast(change);
      throw e;
    }
  }

  /**
   * The first answer to an idempotent create, from a durable engine's store. Should its campaign be
   * in the store but not in memory — a create whose commit took effect and then reported failure —
   * the engine takes it up now, as a restart would: the answer it gives is true from then on.
   */
  public Optional<StoredAnswer> firstAnswer(String keyId, String idempotencyKey, Instant now) {
    if (!journal.durable()) {
      return Optional.empty();
    }
    Optional<StoredAnswer> answer = journal.store().answer(keyId, idempotencyKey);
    answer.ifPresent(found -> takeUpInDoubt(found.campaignId()));
    return answer;
  }

  private void takeUpInDoubt(String campaignId) {
    long counter = campaignIds.decode(campaignId);
    if (counter < 0 || campaigns.get(counter) != null) {
      return;
    }
    StoredCampaign stored = journal.store().campaign(campaignId).orElse(null);
    if (stored == null || stored.counter() != counter) {
      return;
    }
    // Just created: none of its recipients has had a call, so none waits for a next attempt.
    CampaignState campaign =
        Restore.campaign(stored, key(stored.keyId()), true, clock.instant(), (index, due) -> {});
    if (campaigns.fill(counter, campaign)) {
      log.warn(
          "campaign {} was committed by a create that reported a store failure; it runs from now",
          campaignId);
      register(campaign, clock.instant());
    }
  }

  // Recovery (see Restore): the engine's state rebuilt from its store, in creation order.

  void resumeCounters(long nextCampaign, long nextCall) {
    campaignCounter = nextCampaign;
    callIds.resumeAt(nextCall);
  }

  KeyState key(String keyId) {
    return keys.computeIfAbsent(keyId, this::newKey);
  }

  void restoreFinished(long counter, FinishedCampaign campaign, Instant finishedAt) {
    campaigns.addFinished(counter, campaign, finishedAt);
  }

  /**
   * A campaign brought back not finished: waiting for its firing (at once if it fell due while the
   * engine was down), or offered to dispatch, its calls committed in progress holding their slots
   * until reconciled.
   */
  void restoreOpen(long counter, CampaignState campaign, Instant now) {
    campaigns.add(counter, campaign);
    register(campaign, now);
  }

  /** Registers a campaign brought back from the store, just added to the campaigns. */
  private void register(CampaignState campaign, Instant now) {
    campaign.key.inFlight += campaign.inFlight;
    if (campaign.status().isFinal()) {
      campaigns.closed(campaign); // canceled with calls in doubt, finished once they end
      if (campaign.allEnded()) {
        // Its Finished was not committed before the crash (a cancel commits at once, its Finished
        // with the pass after): no call end is left to finish it, so it finishes here.
        campaigns.finished(campaign, campaign.canceledAt != null ? campaign.canceledAt : now);
      }
      return;
    }
    Instant expiresAt = campaign.spec.expiresAt();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      // It expired while the engine was down: nothing queued is dialled, before anything is.
      expire(campaign, now);
      return;
    }
    if (expiresAt != null) {
      timers.add(new Timer.Expires(expiresAt, campaign));
    }
    if (campaign.status() == CampaignStatus.SCHEDULED && campaign.firesAt != null) {
      Cohort cohort = cohortAt(campaign.key, campaign.firesAt);
      cohort.add(campaign);
      campaign.cohort = cohort;
    } else {
      dispatcher.offer(campaign);
    }
    // Its skips may not have been committed before the crash: a queued recipient in no lane would
    // never be dialled nor ended, and its campaign never finish.
    skipUnplaced(campaign, now);
  }

  /** A recipient waiting for its next attempt until {@code due} (recovery). */
  void awaitRetry(CampaignState campaign, int index, Instant due) {
    timers.add(new Timer.RecipientDue(due, campaign, index));
  }

  /** The attempt log's calls that started at or after {@code since} (recovery). */
  List<StoredAttempt> attemptsSince(Instant since) {
    return journal.store().attemptsSince(since);
  }

  /** A call the attempt log holds, counted by its key's attempt cap (recovery). */
  void countAttempt(String keyId, String phone, Instant startedAt) {
    key(keyId).attemptStarted(phone, startedAt);
  }

  /** A call in doubt the dialer found ended, or could not tell about. */
  void endInDoubt(
      CampaignState campaign, int index, EndedReason reason, @Nullable String detail, Instant now) {
    reports.endCall(campaign, callIds.of(campaign, index), index, reason, detail, now);
  }

  /** A call in doubt still in progress: it keeps its slot until its end arrives or times out. */
  void adopt(CampaignState campaign, int index) {
    callIds.started(callIds.of(campaign, index), campaign, index);
    long startedAt = campaign.startedAtMillis(index);
    timers.add(
        new Timer.CallTimeout(
            Instant.ofEpochMilli(startedAt).plus(timeoutAfter),
            campaign,
            index,
            campaign.attempt(index),
            startedAt));
  }

  String storeName() {
    return journal.durable() ? journal.store().describe() : "memory";
  }

  String callId(CampaignState campaign, int index) {
    return callIds.of(campaign, index);
  }

  /**
   * Commits whatever is recorded and not yet committed (a durable engine's close).
   *
   * @throws StoreException if the store failed
   */
  public void commitPending(Instant now) {
    journal.commit(now);
  }

  /** The key's cohort firing at {@code firesAt}, made (with its timer) if it has none. */
  private Cohort cohortAt(KeyState key, Instant firesAt) {
    Cohort cohort = key.cohortAt(firesAt);
    if (cohort == null) {
      cohort = new Cohort(firesAt, key);
      key.addCohort(cohort);
      timers.add(new Timer.Fire(firesAt, cohort));
    }
    return cohort;
  }

  /** Starts a scheduled campaign now. */
  public CampaignView launch(String keyId, String campaignId, Instant now) {
    return move(keyId, campaignId, "launch", CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, now);
  }

  /** Stops new dials of a running campaign. */
  public CampaignView pause(String keyId, String campaignId, Instant now) {
    return move(keyId, campaignId, "pause", CampaignStatus.RUNNING, CampaignStatus.PAUSED, now);
  }

  /** Lets a paused campaign dial again. */
  public CampaignView resume(String keyId, String campaignId, Instant now) {
    return move(keyId, campaignId, "resume", CampaignStatus.PAUSED, CampaignStatus.RUNNING, now);
  }

  private CampaignView move(
      String keyId,
      String campaignId,
      String action,
      CampaignStatus from,
      CampaignStatus to,
      Instant now) {
    CampaignState campaign = reads.find(keyId, campaignId, now);
    if (campaign.status() != from) {
      throw Rejections.invalidState(campaign.id, campaign.status(), action);
    }
    commitNow(new StoreChange.Status(campaign.id, to, now), now);
    changes.status(campaign, to, now);
    dispatcher.offer(campaign);
    changes.announceStatus(campaign, now);
    return Views.campaign(campaign, now);
  }

  /** Ends a campaign: undialled recipients end canceled; calls in progress are asked to hang up. */
  public CampaignView cancel(String keyId, String campaignId, Instant now) {
    CampaignState campaign = reads.find(keyId, campaignId, now);
    if (campaign.status().isFinal()) {
      throw Rejections.invalidState(campaign.id, campaign.status(), "cancel");
    }
    commitNow(new StoreChange.Canceled(campaign.id, now), now);
    changes.canceled(campaign, now);
    for (int index = 0; index < campaign.cursor; index++) {
      if (campaign.inProgress(index)) {
        hangUp(campaign, index);
      }
    }
    return Views.campaign(campaign, now);
  }

  /**
   * Every campaign not yet completed or canceled, of every key, in creation order: in O(open
   * campaigns), however many were created.
   */
  public List<CampaignView> openCampaigns(Instant now) {
    return reads.openCampaigns(now);
  }

  /** The campaign as it stands at {@code now}. */
  public CampaignView campaign(String keyId, String campaignId, Instant now) {
    return reads.campaign(keyId, campaignId, now);
  }

  /** A page of the campaign's calls in dial order. */
  public CallPage calls(String keyId, String campaignId, int offset, int limit, Instant now) {
    return reads.calls(keyId, campaignId, offset, limit, now);
  }

  /** One call by id, if it belongs to the key. */
  public CallView call(String keyId, String callId, Instant now) {
    return reads.call(keyId, callId, now);
  }

  /**
   * Runs every piece of work due at {@code now}: queued reports, due timers, dispatch. Work queued
   * from other threads and each dial read the clock afresh when they run: a pass may take a while
   * (a dialer that blocks), and a stale instant must never decide whether a window is open.
   */
  public void runDue(Instant now) {
    passThread = Thread.currentThread();
    try {
      journal.retryIfDue(now);
      do {
        Runnable report;
        while ((report = ownReports.poll()) != null) {
          report.run();
        }
        inbox.drain();
        Timer timer;
        while ((timer = timers.pollDue(now)) != null) {
          handle(timer, now);
        }
        if (!journal.failing()) { // no dial whose intent cannot be committed
          dispatcher.dispatchAll();
        }
      } while (!ownReports.isEmpty()
          || !inbox.isEmpty()
          || (dispatcher.hasWork() && !journal.failing()));
      campaigns.dropDue(now);
      commitPass(now);
    } finally {
      passThread = null;
    }
  }

  /** Commits the pass's ends and other changes (a failure is retried after its back-off). */
  private void commitPass(Instant now) {
    if (!journal.failing()) {
      try {
        journal.commit(now);
      } catch (StoreException e) {
        // Logged by the journal; the changes stay recorded for the retry.
      }
    }
  }

  /**
   * When work is next due: {@code now} if some is pending, else the earliest timer or drop of a
   * finished campaign, or null.
   */
  public @Nullable Instant nextDeadline(Instant now) {
    if (!inbox.isEmpty() || (dispatcher.hasWork() && !journal.failing())) {
      return now;
    }
    Instant next = earlier(timers.nextAt(), campaigns.nextDropAt());
    return earlier(next, journal.retryAt());
  }

  private static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }

  private void handle(Timer timer, Instant now) {
    if (timer instanceof Timer.Fire fire) {
      Cohort cohort = fire.cohort();
      cohort.key.fired(cohort);
      if (cohort.hasWaiting()) {
        changes.fired(cohort);
        dispatcher.offer(cohort);
        changes.announceFired(cohort, now);
      }
    } else if (timer instanceof Timer.WindowOpens opens) {
      CampaignState campaign = opens.campaign();
      campaign.windowTimerAt = null;
      dispatcher.offer(campaign);
    } else if (timer instanceof Timer.Expires expires) {
      if (!expires.isStale()) {
        expire(expires.campaign(), expires.at());
      }
    } else if (timer instanceof Timer.RecipientDue due) {
      if (!due.isStale()) {
        due.campaign().due(due.index());
        dispatcher.offer(due.campaign());
      }
    } else if (timer instanceof Timer.TokenDue due) {
      due.key().tokenTimerPending = false;
      dispatcher.markDirty(due.key());
    } else if (timer instanceof Timer.CallTimeout timeout) {
      CampaignState campaign = timeout.campaign();
      int index = timeout.index();
      if (!timeout.isStale()) {
        String callId = callIds.of(campaign, index);
        reports.endCall(campaign, callId, index, EndedReason.TIMED_OUT, "no end reported", now);
      }
    }
  }

  /**
   * The campaign's latest end: its queued recipients end expired at {@code at}, its calls in
   * progress go on, and it dials nothing more.
   */
  private void expire(CampaignState campaign, Instant at) {
    changes.expired(campaign, index -> callIds.of(campaign, index), at);
  }

  /** What the dialer reports, applied on the owner thread. */
  private final class Sink implements CallEndSink {
    @Override
    public void callEnded(String callId, EndedReason reason, @Nullable String detail) {
      String kept = detail == null ? null : DialerReports.storable(detail);
      report(() -> reports.callEnded(callId, reason, kept));
    }

    @Override
    public void notPlaced(String callId, String reason) {
      String kept = DialerReports.storable(reason);
      report(() -> reports.callNotPlaced(callId, kept));
    }

    @Override
    public void dialerAvailable() {
      report(reports::dialerAvailable);
    }

    @Override
    public void callPlaced(String callId, String reference) {
      String kept = DialerReports.storable(reference);
      report(() -> reports.callPlaced(callId, kept));
    }
  }

  /** A dialer's report: kept for the pass when made on its thread, else queued to it. */
  private void report(Runnable applied) {
    if (Thread.currentThread() == passThread) {
      ownReports.add(applied);
    } else {
      inbox.post(applied);
    }
  }

  private void hangUp(CampaignState campaign, int index) {
    String callId = callIds.of(campaign, index);
    try {
      dialer.hangUp(callId);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) { // the cancel has taken effect: the host's failure must not undo it
      log.warn("dialer could not hang up call {} of campaign {}", callId, campaign.id, e);
    }
  }

  /**
   * The key's state, made the first time the key is seen. Should the host's limits source fail, the
   * failure comes out of the create that asked, nothing is created and nothing is cached: the
   * source is asked again next time, and a key never dials on limits that are not its own.
   */
  private KeyState newKey(String keyId) {
    return new KeyState(keyId, limitsSource.limitsFor(keyId).orElse(defaultLimits));
  }
}
