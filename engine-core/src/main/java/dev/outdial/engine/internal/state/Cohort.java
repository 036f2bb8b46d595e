package dev.outdial.engine.internal.state;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The scheduled campaigns of one key that fire at the same instant, in creation order. They fire as
 * a block: the cohort enters its key's ring as one entry and hands out its members in order as
 * their turns come, so a window opening that fires N campaigns costs O(1) per key rather than O(N).
 * A member of a fired cohort reads as running ({@link CampaignState#status()}) whether or not its
 * turn has come.
 */
final class Cohort {
  final Instant firesAt;
  final KeyState key;
  private CampaignState[] members = new CampaignState[4];
  private int size;
  private int next;
  private boolean fired;

  /** Members still scheduled: when none is, the firing timer is pointless. */
  private int waiting;

  Cohort(Instant firesAt, KeyState key) {
    this.firesAt = firesAt;
    this.key = key;
  }

  void add(CampaignState campaign) {
    if (size == members.length) {
      members = Arrays.copyOf(members, size * 2);
    }
    campaign.cohortSlot = size;
    members[size++] = campaign;
    waiting++;
  }

  /**
   * A member finished and is dropped before its turn (launched or canceled early): the cohort lets
   * go of it, so that it does not stay in memory until the firing instant.
   */
  void forget(CampaignState campaign) {
    if (members[campaign.cohortSlot] == campaign) {
      members[campaign.cohortSlot] = null;
    }
  }

  /**
   * A member left the schedule (launched or canceled early, or set running after firing). When the
   * last one leaves before the cohort fires, its firing timer is stale and may be dropped at any
   * time, so the key forgets the cohort: a campaign scheduled for the same instant later makes a
   * new one with a timer of its own, and never joins one that nothing will fire.
   */
  void unscheduled() {
    if (--waiting == 0 && !fired) {
      key.forget(this);
    }
  }

  boolean hasWaiting() {
    return waiting > 0;
  }

  void fire() {
    fired = true;
  }

  boolean fired() {
    return fired;
  }

  /**
   * The member whose turn it is, passing over those already in the ring on their own (launched or
   * resumed before their turn) and those dropped; null when every member has had its turn.
   */
  @Nullable CampaignState head() {
    while (next < size && (members[next] == null || members[next].inRing)) {
      members[next++] = null;
    }
    return next < size ? members[next] : null;
  }

  /** The head member's turn in the cohort is over. */
  void advance() {
    members[next++] = null;
  }

  /** The members that became running when it fired, in creation order (to announce them). */
  void forEachFired(Consumer<CampaignState> action) {
    for (int i = next; i < size; i++) {
      if (members[i] != null && members[i].runsWithCohort()) {
        action.accept(members[i]);
      }
    }
  }
}
