package dev.outdial.engine.internal.state;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A key's campaigns that may dial, served round-robin: the head dials one call and goes to the
 * back. A fired {@link Cohort} is one entry whose members take their turns in creation order, each
 * joining the back on its own after its first call; the order of calls is the same as if every
 * member had been added one by one when the cohort fired.
 */
final class Ring {
  private final ArrayDeque<Object> entries = new ArrayDeque<>();

  /** The campaign whose turn it is, or null when the ring is empty. */
  @Nullable CampaignState head() {
    Object first;
    while ((first = entries.peek()) != null) {
      if (first instanceof CampaignState campaign) {
        return campaign;
      }
      CampaignState member = ((Cohort) first).head();
      if (member != null) {
        return member;
      }
      entries.poll();
    }
    return null;
  }

  /** Takes the head campaign (as {@link #head()} returned it) out of the ring. */
  void removeHead() {
    Object first = entries.peek();
    if (first instanceof Cohort cohort) {
      cohort.advance();
    } else if (first != null) {
      entries.poll();
      ((CampaignState) first).inRing = false;
    }
  }

  /** Puts the campaign at the back, unless it is in the ring already. */
  void add(CampaignState campaign) {
    if (!campaign.inRing) {
      campaign.inRing = true;
      entries.add(campaign);
    }
  }

  /**
   * Takes a campaign out of the ring wherever it stands, in O(ring): for a dropped campaign only
   * (one that may not dial leaves the ring anyway when its turn comes).
   */
  void remove(CampaignState campaign) {
    if (campaign.inRing) {
      entries.remove(campaign);
      campaign.inRing = false;
    }
  }

  /** Puts a fired cohort at the back, as one entry. */
  void add(Cohort cohort) {
    entries.add(cohort);
  }
}
