package dev.outdial.engine.internal.state;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.Recovery;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.spi.AttemptCap;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.CallInDoubt;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.store.StoredAttempt;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.engine.store.StoredRecipient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable engine's start: brings back what its store committed, in creation order, then asks the
 * dialer what became of each call whose intent was committed and whose end was not. A recipient
 * with a committed intent is never dialled again: its call ends (with the provider's reason, or
 * {@code error} when nobody can tell) or is adopted while still up.
 */
final class Restore {
  private static final Logger log = LoggerFactory.getLogger(Restore.class);

  private record InDoubt(CampaignState campaign, int index, @Nullable String reference) {}

  private record Waiting(int index, Instant due) {}

  private final EngineCore core;
  private final StoredEngine loaded;
  private final Dialer dialer;
  private final CallEndSink sink;
  private final Instant now;

  Restore(EngineCore core, StoredEngine loaded, Dialer dialer, CallEndSink sink, Instant now) {
    this.core = core;
    this.loaded = loaded;
    this.dialer = dialer;
    this.sink = sink;
    this.now = now;
  }

  Recovery run() {
    core.resumeCounters(loaded.nextCampaignCounter(), loaded.nextCallCounter());
    List<InDoubt> inDoubt = new ArrayList<>();
    List<StoredCampaign> open = loaded.open();
    List<StoredEngine.Finished> finished = loaded.finished();
    long waiting = 0;
    int o = 0;
    int f = 0;
    while (o < open.size() || f < finished.size()) {
      if (f < finished.size()
          && (o == open.size() || finished.get(f).counter() < open.get(o).counter())) {
        StoredEngine.Finished done = finished.get(f++);
        core.restoreFinished(
            done.counter(),
            new FinishedCampaign(done.id(), done.keyId(), done.callBase(), done.callSpan()),
            done.finishedAt());
        continue;
      }
      StoredCampaign stored = open.get(o++);
      List<Waiting> waits = new ArrayList<>();
      CampaignState campaign =
          campaign(
              stored,
              core.key(stored.keyId()),
              true,
              now,
              (index, due) -> waits.add(new Waiting(index, due)));
      List<StoredRecipient> recipients = stored.recipients();
      for (int i = 0; i < recipients.size(); i++) {
        StoredRecipient recipient = recipients.get(i);
        if (recipient.status() == CallStatus.IN_PROGRESS) {
          inDoubt.add(new InDoubt(campaign, i, recipient.reference()));
        } else if (recipient.status() == CallStatus.QUEUED) {
          waiting++;
        }
      }
      core.restoreOpen(stored.counter(), campaign, now);
      for (Waiting wait : waits) {
        core.awaitRetry(campaign, wait.index(), wait.due());
      }
    }
    // Every call the log holds within the longest cap's period, dropped campaigns' included.
    for (StoredAttempt attempt : core.attemptsSince(now.minus(AttemptCap.MAX_PER))) {
      core.countAttempt(attempt.keyId(), attempt.phone(), attempt.startedAt());
    }
    int ended = 0;
    int adopted = 0;
    int unknown = 0;
    List<InDoubt> stillUp = new ArrayList<>();
    // Calls with a provider's reference first: a look-up without one must not take for its own a
    // provider's call that belongs to another call in doubt between the same numbers.
    inDoubt.sort(Comparator.comparing((InDoubt call) -> call.reference() == null));
    for (InDoubt call : inDoubt) {
      CallFate fate = reconcile(call);
      switch (fate.kind()) {
        case ENDED -> {
          ended++;
          core.endInDoubt(call.campaign(), call.index(), fate.reason(), fate.detail(), now);
        }
        case IN_PROGRESS -> {
          adopted++;
          stillUp.add(call);
        }
        case UNKNOWN -> {
          unknown++;
          core.endInDoubt(
              call.campaign(),
              call.index(),
              EndedReason.ERROR,
              "in doubt after a restart: " + fate.detail(),
              now);
        }
      }
    }
    // Adopted in the order they started: their time-outs wait in a queue that assumes that order.
    stillUp.sort(
        Comparator.comparingLong((InDoubt call) -> call.campaign().startedAtMillis(call.index())));
    for (InDoubt call : stillUp) {
      core.adopt(call.campaign(), call.index());
    }
    return new Recovery(
        core.storeName(),
        open.size(),
        finished.size(),
        waiting,
        ended,
        adopted,
        unknown,
        Duration.ofNanos(System.nanoTime() - core.startedNanos));
  }

  private CallFate reconcile(InDoubt call) {
    CampaignState campaign = call.campaign();
    CallInDoubt question =
        new CallInDoubt(
            core.callId(campaign, call.index()),
            campaign.id,
            campaign.keyId(),
            campaign.spec.fromNumber(),
            campaign.phone(call.index()),
            campaign.startedAt(call.index()),
            call.reference());
    try {
      CallFate fate = dialer.reconcile(question, sink);
      if (fate == null) {
        return CallFate.unknown("the dialer gave no answer");
      }
      return fate;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) { // the host's failure must not stop the engine from starting
      log.warn(
          "dialer could not reconcile call {} of campaign {}", question.callId(), campaign.id, e);
      return CallFate.unknown("the dialer failed: " + e);
    }
  }

  /**
   * A stored campaign as the engine holds it, calls as committed; not yet registered anywhere. A
   * recipient waiting for its next attempt after {@code now} is told to {@code waits}.
   */
  static CampaignState campaign(
      StoredCampaign stored,
      KeyState key,
      boolean dials,
      Instant now,
      BiConsumer<Integer, Instant> waits) {
    CampaignSpec spec = StoredCampaigns.spec(stored, dials);
    CallingWindow window =
        key.sameWindow(spec.window() != null ? spec.window() : CallingWindow.always(spec.zone()));
    if (spec.window() != null && spec.window() != window) {
      spec = spec.withWindow(window);
    }
    CampaignState campaign =
        new CampaignState(
            stored.id(),
            spec,
            window,
            stored.callBase(),
            stored.createdAt(),
            stored.firesAt(),
            key,
            stored.status());
    campaign.restore(
        stored.recipients(), stored.earlierAttempts(), stored.canceledAt(), now, waits);
    return campaign;
  }

  /** A finished campaign read from the store, for reading only. */
  static CampaignState readOnly(StoredCampaign stored, KeyState key) {
    // Nothing left to dial: no recipient placed in its hours, none waiting.
    return campaign(stored, key, false, Instant.MIN, (index, due) -> {});
  }
}
