package dev.outdial.engine.internal.state;

import dev.outdial.engine.internal.schedule.TimerQueue;
import dev.outdial.engine.internal.store.Journal;
import dev.outdial.engine.spi.AttemptCap;
import dev.outdial.engine.store.StoreChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The campaigns the engine holds: by the counter their id enciphers (a {@link CampaignTable}), and
 * the open ones (neither completed nor canceled) in creation order on a list threaded through the
 * campaigns themselves, so that listing those costs what they number, not what was ever created,
 * and a waiting campaign costs no map entry.
 *
 * <p>A campaign is <em>finished</em> once it is completed or canceled and none of its calls is in
 * progress (the calls of a canceled campaign may end after it). A finished campaign is kept for the
 * {@link Retention}, then dropped from everything in the engine that refers to it, so that it
 * leaves memory: reads of it or of its calls then answer not found.
 */
final class Campaigns {
  private final CampaignTable table;
  private final Retention retention;
  private final TimerQueue timers;
  private final Journal journal;
  private @Nullable CampaignState firstOpen;
  private @Nullable CampaignState lastOpen;

  Campaigns(CampaignTable table, Retention retention, TimerQueue timers, Journal journal) {
    this.table = table;
    this.retention = retention;
    this.timers = timers;
    this.journal = journal;
  }

  /** Adds the campaign created with {@code counter} (above every earlier one); it is open. */
  void add(long counter, CampaignState campaign) {
    table.add(counter, campaign);
    linkOpen(campaign);
  }

  private void linkOpen(CampaignState campaign) {
    campaign.openPrevious = lastOpen;
    if (lastOpen == null) {
      firstOpen = campaign;
    } else {
      lastOpen.openNext = campaign;
    }
    lastOpen = campaign;
  }

  /**
   * Keeps the place of a create whose commit failed: should it have taken effect, {@link #fill}
   * puts the campaign there when it is found.
   */
  void inDoubt(long counter, long callBase) {
    table.add(counter, callBase);
  }

  /**
   * Puts a campaign whose counter was used but left empty (a create whose commit failed after it
   * took effect) in its place, open; false if its place is gone (dropped off the table's front). It
   * joins the end of the open list, not its place in creation order.
   */
  boolean fill(long counter, CampaignState campaign) {
    if (!table.fill(counter, campaign)) {
      return false;
    }
    linkOpen(campaign);
    return true;
  }

  /**
   * A finished campaign a durable engine's store holds (recovery), kept until its retention from
   * {@code finishedAt} has passed.
   */
  void addFinished(long counter, FinishedCampaign campaign, Instant finishedAt) {
    table.add(counter, campaign);
    retention.add(campaign, finishedAt);
  }

  /**
   * The campaign created with this counter: a {@link CampaignState}, a {@link FinishedCampaign}
   * (durable engines), or null if there is none (or no longer one).
   */
  @Nullable Object get(long counter) {
    return counter < 0 ? null : table.byCounter(counter);
  }

  /** The campaign (as {@link #get}) whose block of call counters holds {@code callCounter}. */
  @Nullable Object byCallCounter(long callCounter) {
    return table.byCallCounter(callCounter);
  }

  /** The open campaigns, in creation order. */
  List<CampaignState> open() {
    List<CampaignState> open = new ArrayList<>();
    for (CampaignState c = firstOpen; c != null; c = c.openNext) {
      open.add(c);
    }
    return open;
  }

  /** It became completed or canceled (idempotent). */
  void closed(CampaignState campaign) {
    if (campaign.openPrevious == null && firstOpen != campaign) {
      return; // not on the list
    }
    if (campaign.openPrevious == null) {
      firstOpen = campaign.openNext;
    } else {
      campaign.openPrevious.openNext = campaign.openNext;
    }
    if (campaign.openNext == null) {
      lastOpen = campaign.openPrevious;
    } else {
      campaign.openNext.openPrevious = campaign.openPrevious;
    }
    campaign.openPrevious = null;
    campaign.openNext = null;
  }

  /** It finished at {@code at}: it is dropped once the retention has passed. */
  void finished(CampaignState campaign, Instant at) {
    if (!journal.durable()) {
      retention.add(campaign, at);
      return;
    }
    // Durable: it is committed finished with this pass's changes, and read from the store after.
    journal.add(new StoreChange.Finished(campaign.id, at));
    FinishedCampaign kept =
        new FinishedCampaign(
            campaign.id, campaign.keyId(), campaign.callBase, campaign.spec.callSpan());
    letGo(campaign);
    table.replace(campaign, kept);
    retention.add(kept, at);
  }

  /** When the next finished campaign is to be dropped, or null if none is kept. */
  @Nullable Instant nextDropAt() {
    return retention.nextAt();
  }

  /** Drops every finished campaign whose retention has passed at {@code now}. */
  void dropDue(Instant now) {
    Object campaign;
    boolean droppedStored = false;
    while ((campaign = retention.pollDue(now)) != null) {
      if (campaign instanceof FinishedCampaign finished) {
        table.remove(finished);
        journal.add(new StoreChange.Dropped(finished.id()));
        droppedStored = true;
      } else {
        drop((CampaignState) campaign);
      }
    }
    if (droppedStored) {
      // The calls of campaigns dropped this long ago no attempt cap can count any more.
      journal.add(new StoreChange.AttemptsForgotten(now.minus(AttemptCap.MAX_PER)));
    }
  }

  /**
   * Removes every reference the engine holds to a finished campaign. Its calls have all ended, so
   * no call in progress, dialer or key slot refers to it; what still may is undone here. The
   * time-outs of its calls are not searched out: each leaves its FIFO queue when due, the maximum
   * call duration plus grace after its call started, which is before the drop unless the retention
   * is shorter than that.
   */
  private void drop(CampaignState campaign) {
    table.remove(campaign);
    letGo(campaign);
  }

  /** Undoes every reference to a finished campaign but its table slot's. */
  private void letGo(CampaignState campaign) {
    closed(campaign);
    if (campaign.cohort != null) {
      campaign.cohort.forget(campaign); // a cohort firing later than it finished
    }
    campaign.key.ring.remove(campaign); // canceled while waiting for its turn
    if (campaign.windowTimerAt != null) {
      timers.dropStaleWindowTimersAt(campaign.windowTimerAt); // canceled waiting for its window
    }
  }
}
