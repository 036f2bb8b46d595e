package dev.outdial.engine.internal.state;

import dev.outdial.engine.internal.schedule.TimerQueue;
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
  private @Nullable CampaignState firstOpen;
  private @Nullable CampaignState lastOpen;

  Campaigns(CampaignTable table, Retention retention, TimerQueue timers) {
    this.table = table;
    this.retention = retention;
    this.timers = timers;
  }

  /** Adds the campaign created with the next counter; it is open. */
  void add(CampaignState campaign) {
    table.add(campaign);
    campaign.openPrevious = lastOpen;
    if (lastOpen == null) {
      firstOpen = campaign;
    } else {
      lastOpen.openNext = campaign;
    }
    lastOpen = campaign;
  }

  /** The campaign created with this counter, or null if there is none (or no longer one). */
  @Nullable CampaignState get(long counter) {
    return counter < 0 ? null : table.byCounter(counter);
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
    retention.add(campaign, at);
  }

  /** When the next finished campaign is to be dropped, or null if none is kept. */
  @Nullable Instant nextDropAt() {
    return retention.nextAt();
  }

  /** Drops every finished campaign whose retention has passed at {@code now}. */
  void dropDue(Instant now) {
    CampaignState campaign;
    while ((campaign = retention.pollDue(now)) != null) {
      drop(campaign);
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
