package dev.outdial.engine.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import org.jspecify.annotations.Nullable;

/**
 * The campaigns the engine holds: by id, and the open ones (neither completed nor canceled) in
 * creation order, so that listing those costs what they number, not what was ever created.
 *
 * <p>A campaign is <em>finished</em> once it is completed or canceled and none of its calls is in
 * progress (the calls of a canceled campaign may end after it). A finished campaign is kept for the
 * {@link Retention}, then dropped from everything in the engine that refers to it, so that it
 * leaves memory: reads of it or of its calls then answer not found.
 */
final class Campaigns {
  private final HashMap<String, CampaignState> byId = new HashMap<>();
  private final LinkedHashSet<CampaignState> open = new LinkedHashSet<>();
  private final Retention retention;
  private final CallIds callIds;
  private final TimerQueue timers;

  Campaigns(Retention retention, CallIds callIds, TimerQueue timers) {
    this.retention = retention;
    this.callIds = callIds;
    this.timers = timers;
  }

  void add(CampaignState campaign) {
    byId.put(campaign.id, campaign);
    open.add(campaign);
    callIds.register(campaign);
  }

  /** The campaign with this id, or null if there is none (or no longer one). */
  @Nullable CampaignState get(String id) {
    return byId.get(id);
  }

  /** The open campaigns, in creation order. */
  Collection<CampaignState> open() {
    return Collections.unmodifiableSet(open);
  }

  /** It became completed or canceled. */
  void closed(CampaignState campaign) {
    open.remove(campaign);
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
    byId.remove(campaign.id);
    open.remove(campaign);
    callIds.forget(campaign);
    if (campaign.cohort != null) {
      campaign.cohort.forget(campaign); // a cohort firing later than it finished
    }
    campaign.key.ring.remove(campaign); // canceled while waiting for its turn
    if (campaign.windowTimerAt != null) {
      timers.dropStaleWindowTimersAt(campaign.windowTimerAt); // canceled waiting for its window
    }
  }
}
