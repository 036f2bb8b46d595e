package dev.outdial.engine.internal.state;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.check.RecipientExtras;
import dev.outdial.engine.internal.schedule.TimerQueue;
import dev.outdial.engine.internal.store.Journal;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.engine.spi.SuppressionList;
import dev.outdial.engine.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts calls. A key with work is queued once ("dirty"); a pass over it starts calls round-robin
 * over its ring of campaigns until it runs out of free slots, tokens or campaigns that may dial. It
 * never waits: without a token it sets a timer for the next one; without a slot it stops until a
 * call ends and marks the key dirty again.
 *
 * <p>Each dial is judged at the clock's instant when it is made, not at the pass's first instant: a
 * dialer that blocks (against its contract) makes the clock move during a pass, and a dial judged
 * at a stale instant could start after the window closed. The same instant is recorded as the
 * call's start.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final ArrayDeque<KeyState> dirty = new ArrayDeque<>();
  private final Dialer dialer;
  private final InstantSource clock;
  private final CallEndSink sink;
  private final StateChanges changes;
  private final CallIds callIds;
  private final TimerQueue timers;
  private final Duration maxCallDuration;
  private final Duration timeoutAfter;
  private final Instant origin;
  private final Journal journal;
  private final SuppressionList suppression;

  /**
   * A durable engine's calls chosen in this pass and not yet dialled: their intents are committed
   * in one transaction before any of them is.
   */
  private final ArrayList<Planned> planned = new ArrayList<>();

  private record Planned(CampaignState campaign, int index, String callId, Instant at) {}

  /** The latest instant a dial was judged at: an earlier one means the clock stepped back. */
  private Instant latestJudged = Instant.MIN;

  Dispatcher(
      Dialer dialer,
      InstantSource clock,
      CallEndSink sink,
      StateChanges changes,
      CallIds callIds,
      TimerQueue timers,
      Journal journal,
      SuppressionList suppression,
      Duration maxCallDuration,
      Duration timeoutGrace) {
    this.journal = journal;
    this.suppression = suppression;
    this.dialer = dialer;
    this.clock = clock;
    this.sink = sink;
    this.changes = changes;
    this.callIds = callIds;
    this.timers = timers;
    this.maxCallDuration = maxCallDuration;
    this.timeoutAfter = maxCallDuration.plus(timeoutGrace);
    this.origin = clock.instant(); // the token buckets count nanoseconds from here
  }

  void markDirty(KeyState key) {
    if (!key.dirty) {
      key.dirty = true;
      dirty.add(key);
    }
  }

  boolean hasWork() {
    return !dirty.isEmpty();
  }

  /**
   * A campaign may have become able to dial (fired, launched, resumed, window opened): put it at
   * the end of its key's ring. Its window is checked when its turn comes (a campaign whose window
   * is closed then leaves the ring and sets a timer for the opening), so firing many campaigns at
   * one opening costs no window arithmetic for those the key cannot serve yet.
   */
  void offer(CampaignState campaign) {
    if (!campaign.mayDial()) {
      return;
    }
    campaign.key.ring.add(campaign);
    markDirty(campaign.key);
  }

  /** A cohort fired: it joins its key's ring as one entry (see {@link Ring}). */
  void offer(Cohort cohort) {
    cohort.key.ring.add(cohort);
    markDirty(cohort.key);
  }

  void dispatchAll() {
    KeyState key;
    while ((key = dirty.poll()) != null) {
      key.dirty = false;
      try {
        dispatch(key);
      } catch (VirtualMachineError e) {
        markDirty(key); // its pass was cut short: the next one takes it up again
        throw e;
      }
    }
    if (!planned.isEmpty()) {
      dialPlanned();
    }
  }

  /**
   * Commits the intents of the calls planned in this pass, then dials them. Should the commit fail,
   * none is dialled: each recipient is queued again. Should a window close during the commit, its
   * calls are queued again, not dialled: a call starts only inside its window, judged when it is
   * dialled.
   */
  private void dialPlanned() {
    try {
      journal.commit(clock.instant());
    } catch (StoreException e) {
      for (Planned call : planned) {
        putBack(call);
      }
      planned.clear();
      return;
    }
    for (int i = 0; i < planned.size(); i++) {
      Planned call = planned.get(i);
      Instant now = clock.instant();
      CampaignState campaign = call.campaign();
      if (!campaign.status().isFinal()
          && beforeExpiry(campaign, now)
          && windowOpen(campaign, now)
          && (campaign.lanes == null || campaign.lanes.openFor(call.index(), now))) {
        dial(call.campaign(), call.index(), call.callId(), call.at());
      } else {
        putBack(call);
      }
    }
    planned.clear();
  }

  /**
   * A planned call not dialled: its recipient is queued again, or, its campaign canceled meanwhile
   * (a listener may cancel during the pass), it ends canceled: a canceled campaign has no queued
   * recipient, or it would never finish.
   */
  private void putBack(Planned call) {
    callIds.ended(call.callId());
    if (call.campaign().expiredAt != null) {
      changes.callEnded(
          call.campaign(),
          call.callId(),
          call.index(),
          EndedReason.EXPIRED,
          "expired before it was dialled",
          clock.instant());
      return;
    }
    if (call.campaign().status().isFinal()) {
      changes.callEnded(
          call.campaign(),
          call.callId(),
          call.index(),
          EndedReason.CANCELED,
          "canceled before it was dialled",
          clock.instant());
      return;
    }
    changes.requeued(call.campaign(), call.index());
    offer(call.campaign());
  }

  private void dispatch(KeyState key) {
    if (key.suspendedSince != null) {
      return; // its dialer cannot place calls: dialerAvailable() marks it dirty again
    }
    while (key.hasFreeSlot()) {
      CampaignState campaign = key.ring.head();
      if (campaign == null) {
        return;
      }
      if (!campaign.mayDial()) {
        key.ring.removeHead();
        continue;
      }
      Instant now = clock.instant();
      if (!beforeExpiry(campaign, now)) {
        key.ring.removeHead(); // its expiry timer, due, ends its queued recipients
        continue;
      }
      if (!windowOpen(campaign, now)) {
        key.ring.removeHead();
        awaitWindow(campaign, now);
        continue;
      }
      if (campaign.lanes != null && !campaign.lanes.chooseOpen(now, now.isBefore(latestJudged))) {
        key.ring.removeHead();
        awaitHours(campaign, now);
        continue;
      }
      // A number at its key's attempt cap waits, queued, before it costs a token.
      Instant capFree =
          key.capped() ? key.capFreeAt(campaign.phone(campaign.nextIndex()), now) : null;
      if (capFree != null) {
        changes.deferred(campaign, capFree);
        continue; // the campaign's next recipient, or it leaves the ring having none
      }
      long wait = key.bucket.tryTake(nanosSinceOrigin(now));
      if (wait > 0) {
        awaitToken(key, now.plusNanos(wait));
        return;
      }
      key.ring.removeHead();
      try {
        start(campaign, now);
      } finally { // even past a VirtualMachineError from host code: never strand the campaign
        if (campaign.mayDial()) {
          key.ring.add(campaign);
        }
      }
    }
  }

  /**
   * Starts the campaign's next call: dials it at once, or in a durable engine plans it for the dial
   * after this pass's commit.
   */
  private void start(CampaignState campaign, Instant judgedAt) {
    int next = campaign.nextIndex();
    String callId = callIds.of(campaign, next);
    String suppressed = suppressed(campaign, campaign.phone(next));
    if (suppressed != null) {
      changes.recipientSkipped(campaign, callId, EndedReason.SUPPRESSED, suppressed, judgedAt);
      return;
    }
    // The list is host code: a slow look-up makes the clock move, so the call is judged again at
    // the instant it starts. Closed by then, it is not started; the pass finds it closed and waits.
    Instant now = judgedAt;
    if (suppression != SuppressionList.none()) {
      now = clock.instant();
      if (!windowOpen(campaign, now)
          || (campaign.lanes != null && !campaign.lanes.openFor(next, now))) {
        return;
      }
    }
    // Every change of state is made before any host code runs: should the dialer or the listener
    // fail, the call is in progress with its slot counted.
    int index = changes.callStarted(campaign, now);
    callIds.started(callId, campaign, index);
    if (journal.durable()) {
      planned.add(new Planned(campaign, index, callId, now));
    } else {
      dial(campaign, index, callId, now);
    }
  }

  /** Why the number must not be called, or null: the suppression list is asked right before. */
  private @Nullable String suppressed(CampaignState campaign, String phone) {
    if (suppression == SuppressionList.none()) {
      return null;
    }
    try {
      return suppression.isSuppressed(campaign.keyId(), phone) ? "on a suppression list" : null;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) { // not knowing, it must not call a number it may have forbidden
      log.warn("suppression list failed on {} of campaign {}: not dialled", phone, campaign.id, e);
      return "the suppression list failed: " + e;
    }
  }

  /**
   * Dials a started call. The dialer is called before the listener hears of the start: a slow
   * listener must not delay the dial past the instant the window was judged open at, nor a
   * listener's cancel reach the dialer before the dial.
   */
  private void dial(CampaignState campaign, int index, String callId, Instant now) {
    CampaignSpec spec = campaign.spec;
    RecipientExtras extras = spec.extras() == null ? null : spec.extras()[index];
    OutboundCall call =
        new OutboundCall(
            callId,
            campaign.id,
            campaign.keyId(),
            spec.agentId(),
            spec.fromNumber(),
            campaign.phone(index),
            extras == null || extras.promptOverride() == null
                ? spec.prompt()
                : extras.promptOverride(),
            extras == null ? Map.of() : extras.variables(),
            maxCallDuration);
    Throwable refused = null;
    try {
      dialer.dial(call, sink);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) { // a dialer's LinkageError must not strand the campaign either
      refused = e;
    }
    if (refused == null) { // a time-out only for a call the dialer took
      timers.add(
          new Timer.CallTimeout(
              now.plus(timeoutAfter),
              campaign,
              index,
              campaign.attempt(index),
              now.toEpochMilli()));
    }
    changes.announceStarted(campaign, callId, index, now);
    if (refused != null) {
      log.debug("dialer refused call {} of campaign {}", callId, campaign.id, refused);
      callIds.ended(callId);
      changes.callEnded(
          campaign, callId, index, EndedReason.DIAL_FAILED, String.valueOf(refused), now);
    }
  }

  /**
   * Whether the campaign's window is open at {@code now}. A window found open at an instant stays
   * open until its next closing, which is cached: an instant at or after the latest the dispatcher
   * has judged, and before that closing, is inside the open stretch the cache was found in (it was
   * found at an instant no later than the latest). An instant before the latest — the clock stepped
   * back — is checked in full, since the cache may come from a later instant.
   */
  private boolean windowOpen(CampaignState campaign, Instant now) {
    if (!now.isBefore(latestJudged)) {
      latestJudged = now;
      if (now.isBefore(campaign.windowClosesAt)) {
        return true;
      }
    }
    if (!campaign.window.isOpen(now)) {
      return false;
    }
    campaign.windowClosesAt = campaign.window.nextClosing(now).orElse(Instant.MAX);
    return true;
  }

  /**
   * Whether {@code now} is before the campaign's latest end: a pass that took long may judge a dial
   * after it, before the expiry timer has run.
   */
  private static boolean beforeExpiry(CampaignState campaign, Instant now) {
    Instant expiresAt = campaign.spec.expiresAt();
    return expiresAt == null || now.isBefore(expiresAt);
  }

  private void awaitWindow(CampaignState campaign, Instant now) {
    Instant opening = campaign.window.nextOpening(now);
    if (!opening.isAfter(now)) {
      throw new IllegalStateException(
          campaign.window + " is closed at " + now + " but says it next opens at " + opening);
    }
    // A pending timer may be later (set for a guarded campaign's hours): an earlier one is added.
    if (campaign.windowTimerAt == null || opening.isBefore(campaign.windowTimerAt)) {
      campaign.windowTimerAt = opening;
      timers.add(new Timer.WindowOpens(opening, campaign));
    }
  }

  /**
   * Every lane with a recipient waiting is outside its local hours: wait for the first to open. A
   * pending timer may be later than that (set before a call not placed put its recipient back in a
   * lane that then had nobody waiting): an earlier one is added beside it.
   */
  private void awaitHours(CampaignState campaign, Instant now) {
    Instant opening = campaign.lanes.nextOpening(now);
    if (campaign.windowTimerAt == null || opening.isBefore(campaign.windowTimerAt)) {
      campaign.windowTimerAt = opening;
      timers.add(new Timer.WindowOpens(opening, campaign));
    }
  }

  private void awaitToken(KeyState key, Instant at) {
    if (!key.tokenTimerPending) {
      key.tokenTimerPending = true;
      timers.add(new Timer.TokenDue(at, key));
    }
  }

  private long nanosSinceOrigin(Instant now) {
    return (now.getEpochSecond() - origin.getEpochSecond()) * 1_000_000_000L
        + (now.getNano() - origin.getNano());
  }
}
