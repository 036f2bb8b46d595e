package dev.outdial.engine.internal.state;

import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.DiallingEvent;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.RetryPolicy;
import dev.outdial.engine.internal.schedule.TimerQueue;
import dev.outdial.engine.internal.store.Journal;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.store.StoreChange;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where campaign and call state changes: every status change, call start and call end
 * passes through here, is logged where it matters, and is told to the listener. Each change is
 * complete before the listener hears of it, and whatever the listener throws (short of a {@link
 * VirtualMachineError}) is logged with the campaign and call ids and changes nothing. A durable
 * engine's changes are recorded in its {@link Journal} here, in the order they are made (the
 * operations a caller waits for, create, launch, pause, resume and cancel, are committed by {@link
 * EngineCore} before they take effect).
 */
final class StateChanges {
  private static final Logger log = LoggerFactory.getLogger("dev.outdial.engine.calls");

  private final EngineListener listener;
  private final boolean listening;

  /**
   * Whether the listener hears of each campaign a firing sets running (see {@link #announceFired}).
   */
  private final boolean hearsFirings;

  private final Campaigns campaigns;
  private final Journal journal;
  private final TimerQueue timers;

  StateChanges(
      EngineListener listener,
      boolean listening,
      Campaigns campaigns,
      Journal journal,
      TimerQueue timers) {
    this.listener = listener;
    this.listening = listening;
    this.hearsFirings = listening && listener.hearsFirings();
    this.campaigns = campaigns;
    this.journal = journal;
    this.timers = timers;
  }

  void created(CampaignState campaign, Instant at) {
    announce(campaign, at);
  }

  /**
   * Completes {@code campaign} if every recipient has ended and it is not final; whether it did.
   */
  private boolean completeIfAllEnded(CampaignState campaign, Instant at) {
    boolean completes = campaign.allEnded() && !campaign.status().isFinal();
    if (completes) {
      journal.add(new StoreChange.Status(campaign.id, CampaignStatus.COMPLETED, at));
      status(campaign, CampaignStatus.COMPLETED, at);
    }
    return completes;
  }

  /** Sets the campaign's status; {@link #announceStatus} tells the listener once all is done. */
  void status(CampaignState campaign, CampaignStatus to, Instant at) {
    campaign.setStatus(to);
    if (to.isFinal()) {
      campaigns.closed(campaign);
      if (campaign.allEnded()) {
        campaigns.finished(campaign, at);
      }
    }
  }

  void announceStatus(CampaignState campaign, Instant at) {
    announce(campaign, at);
  }

  /** Every campaign still scheduled in the cohort is running from now on. */
  void fired(Cohort cohort) {
    cohort.fire();
  }

  /**
   * Tells the listener of the campaigns that {@link #fired} set running, one event each, unless it
   * does not hear firings: then a firing costs nothing a campaign.
   */
  void announceFired(Cohort cohort, Instant at) {
    if (hearsFirings) {
      cohort.forEachFired(campaign -> announce(campaign, at));
    }
  }

  /**
   * Marks the next recipient of {@code campaign} as dialled; returns its index. The listener hears
   * of it through {@link #announceStarted}, once the dispatcher's own bookkeeping is done too.
   */
  int callStarted(CampaignState campaign, Instant at) {
    int index = campaign.markStarted(at);
    campaign.key.inFlight++;
    if (campaign.key.capped()) { // the phone's string is made only for a key that counts
      campaign.key.attemptStarted(campaign.phone(index), at);
    }
    if (journal.durable()) { // a change per call: none is built for an engine without a store
      journal.add(new StoreChange.CallStarted(campaign.id, index, campaign.attempt(index), at));
    }
    return index;
  }

  /**
   * Ends the campaign's next recipient without dialling it (suppressed, or no local hours): its
   * call has no start. Completes the campaign if it was the last.
   */
  void recipientSkipped(
      CampaignState campaign, String callId, EndedReason reason, String detail, Instant at) {
    skipped(campaign, callId, campaign.markSkipped(reason, detail, at), reason, detail, at);
  }

  /** As {@link #recipientSkipped}, for the recipient at {@code index} (in no queue). */
  void recipientSkippedAt(
      CampaignState campaign,
      String callId,
      int index,
      EndedReason reason,
      String detail,
      Instant at) {
    campaign.markSkippedAt(index, reason, detail, at);
    skipped(campaign, callId, index, reason, detail, at);
  }

  private void skipped(
      CampaignState campaign,
      String callId,
      int index,
      EndedReason reason,
      String detail,
      Instant at) {
    journal.add(new StoreChange.CallEnded(campaign.id, index, reason, detail, at));
    boolean completes = completeIfAllEnded(campaign, at);
    log.info(
        "recipient {} of campaign {} not dialled: {} ({})",
        index,
        campaign.id,
        reason.wire(),
        detail);
    announce(campaign, callId, index, CallStatus.ENDED, reason, at);
    if (completes) {
      announce(campaign, at);
    }
  }

  /** The provider's reference for a call in progress, committed for reconciliation. */
  void callPlaced(CampaignState campaign, int index, String reference) {
    journal.add(new StoreChange.CallPlaced(campaign.id, index, reference));
  }

  void announceStarted(CampaignState campaign, String callId, int index, Instant at) {
    announce(campaign, callId, index, CallStatus.IN_PROGRESS, null, at);
  }

  void callEnded(
      CampaignState campaign,
      String callId,
      int index,
      EndedReason reason,
      @Nullable String detail,
      Instant at) {
    RetryPolicy retry = campaign.spec.retry();
    if (retry != null
        && retry.retries(reason, campaign.attempt(index))
        && !campaign.queuesNoMore()) {
      endedForRetry(campaign, callId, index, reason, detail, at, retry);
      return;
    }
    campaign.markEnded(index, reason, detail, at);
    campaign.key.inFlight--;
    if (journal.durable()) {
      journal.add(new StoreChange.CallEnded(campaign.id, index, reason, detail, at));
    }
    boolean completes = completeIfAllEnded(campaign, at);
    if (!completes && campaign.allEnded()) {
      campaigns.finished(campaign, at); // canceled, and its last call in progress just ended
    }
    switch (reason) {
      case DIAL_FAILED, TIMED_OUT, ERROR ->
          log.warn(
              "call {} of campaign {} failed: {}{}",
              callId,
              campaign.id,
              reason.wire(),
              detail == null ? "" : " (" + detail + ")");
      default -> {
        if (log.isDebugEnabled()) { // no varargs array per call when DEBUG is off
          log.debug("call {} of campaign {} ended {}", callId, campaign.id, reason.wire());
        }
      }
    }
    announce(campaign, callId, index, CallStatus.ENDED, reason, at);
    if (completes) {
      announce(campaign, at);
    }
  }

  /**
   * The call ended with a reason its campaign tries again for, and its recipient has attempts left:
   * it is not an end of the recipient, who waits for the minimum delay, then is queued again.
   */
  private void endedForRetry(
      CampaignState campaign,
      String callId,
      int index,
      EndedReason reason,
      @Nullable String detail,
      Instant at,
      RetryPolicy retry) {
    int attempt = campaign.attempt(index);
    campaign.markEndedForRetry(index, reason, detail, at);
    campaign.key.inFlight--;
    journal.add(new StoreChange.CallEndedForRetry(campaign.id, index, reason, detail, at));
    Instant due = at.plus(retry.minDelay());
    timers.add(new Timer.RecipientDue(due, campaign, index));
    log.info(
        "call {} of campaign {} ended {}: attempt {} of {}, the next one not before {}",
        callId,
        campaign.id,
        reason.wire(),
        attempt,
        retry.maxAttempts(),
        due);
    announce(campaign, callId, index, CallStatus.ENDED, reason, at);
  }

  /**
   * The recipient's number is at its key's attempt cap: it waits, queued, until {@code due}, when
   * the cap allows a call (not told to the listener: nothing about it changed).
   */
  void deferred(CampaignState campaign, Instant due) {
    int index = campaign.markDeferred();
    timers.add(new Timer.RecipientDue(due, campaign, index));
    if (log.isDebugEnabled()) {
      log.debug(
          "recipient {} of campaign {} waits for its number's attempt cap until {}",
          index,
          campaign.id,
          due);
    }
  }

  /**
   * The call was not placed: its recipient is queued again, its slot is free, and its key's
   * dialling is suspended (logged at ERROR once per suspension).
   */
  void callNotPlaced(CampaignState campaign, String callId, int index, String reason, Instant at) {
    requeued(campaign, index);
    KeyState key = campaign.key;
    boolean suspends = key.suspendedSince == null;
    if (suspends) {
      key.suspendedSince = at;
      key.suspendedFor = reason;
      log.error(
          "dialling of key {} suspended: the dialer could not place call {} of campaign {} ({});"
              + " its recipient stays queued, and the key dials again when the dialer says it"
              + " can",
          campaign.keyId(),
          callId,
          campaign.id,
          reason);
    }
    announce(campaign, callId, index, CallStatus.QUEUED, null, at);
    if (suspends) {
      announceDialling(new DiallingEvent(at, campaign.keyId(), true, reason));
    }
  }

  /**
   * The recipient's call was not placed (or, in a durable engine, its intent was committed but it
   * was not dialled): queued again, its slot free. Not told to the listener.
   */
  void requeued(CampaignState campaign, int index) {
    if (campaign.key.capped()) {
      campaign.key.attemptTakenBack(campaign.phone(index), campaign.startedAtMillis(index));
    }
    campaign.markNotPlaced(index);
    campaign.key.inFlight--;
    journal.add(new StoreChange.CallRequeued(campaign.id, index));
  }

  /** The key dials again. */
  void resumed(String keyId, KeyState key, Instant at) {
    log.info(
        "dialling of key {} resumed after a suspension since {} ({})",
        keyId,
        key.suspendedSince,
        key.suspendedFor);
    key.suspendedSince = null;
    key.suspendedFor = null;
    announceDialling(new DiallingEvent(at, keyId, false, null));
  }

  private void announceDialling(DiallingEvent event) {
    if (listening) {
      tell(event, listener::onDialling);
    }
  }

  /**
   * The campaign's latest end came: every recipient still queued ends {@code expired} without a
   * call, and nothing more is dialled; calls in progress end as they do. Completes the campaign if
   * none is in progress. The listener hears of each expired recipient, then of the completion.
   */
  void expired(CampaignState campaign, IntFunction<String> callIds, Instant at) {
    int count = campaign.markUndialledExpired(at);
    journal.add(new StoreChange.Expired(campaign.id, at));
    boolean completes = completeIfAllEnded(campaign, at);
    log.info(
        "campaign {} expired at {}: {} recipients not dialled end expired, {} calls in progress go"
            + " on",
        campaign.id,
        at,
        count,
        campaign.inFlight);
    if (listening) {
      campaign.forEachExpired(
          index ->
              announce(
                  campaign,
                  callIds.apply(index),
                  index,
                  CallStatus.ENDED,
                  EndedReason.EXPIRED,
                  at));
      if (completes) {
        announce(campaign, at);
      }
    }
  }

  void canceled(CampaignState campaign, Instant at) {
    campaign.markUndialledCanceled(at);
    status(campaign, CampaignStatus.CANCELED, at);
    announce(campaign, at);
  }

  private void announce(
      CampaignState campaign,
      String callId,
      int index,
      CallStatus status,
      @Nullable EndedReason reason,
      Instant at) {
    if (listening) {
      CallEvent event =
          new CallEvent(
              at,
              campaign.keyId(),
              campaign.id,
              callId,
              index,
              campaign.phone(index),
              status,
              reason);
      tell(event, listener::onCall);
    }
  }

  private void announce(CampaignState campaign, Instant at) {
    if (listening) {
      CampaignEvent event = new CampaignEvent(at, campaign.keyId(), campaign.id, campaign.status());
      tell(event, listener::onCampaign);
    }
  }

  /**
   * Tells the listener; whatever it throws short of a {@link VirtualMachineError} (an {@code
   * AssertionError} or a {@code LinkageError} is the host's bug, not ours) is logged with the
   * event's ids and changes nothing.
   */
  private static <E> void tell(E event, Consumer<E> listener) {
    try {
      listener.accept(event);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      log.error("listener failed on {}; the engine goes on", event, e);
    }
  }
}
