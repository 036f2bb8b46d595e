package dev.outdial.engine.internal.state;

import java.time.Instant;

/**
 * Work the engine must do at an instant. Ordered by instant, then by when it was queued.
 *
 * <p>Public only so that {@link dev.outdial.engine.internal.schedule.TimerQueue} can order it: each
 * kind names a campaign, cohort or key of this package, which nothing outside it can name or make.
 */
public sealed interface Timer {
  Instant at();

  /** Whether running it would do nothing any more. */
  boolean isStale();

  /** A cohort's firing instant: its campaigns' due date reached and window open. */
  record Fire(Instant at, Cohort cohort) implements Timer {
    @Override
    public boolean isStale() {
      return !cohort.hasWaiting();
    }
  }

  /** A running campaign's window opens again. */
  record WindowOpens(Instant at, CampaignState campaign) implements Timer {
    @Override
    public boolean isStale() {
      return campaign.status().isFinal();
    }
  }

  /**
   * A recipient waiting to be called again may be queued: its retry's minimum delay has passed, or
   * its number's attempt cap allows a call. Nothing waits in a campaign that finished or expired.
   */
  record RecipientDue(Instant at, CampaignState campaign, int index) implements Timer {
    @Override
    public boolean isStale() {
      return campaign.queuesNoMore();
    }
  }

  /** A key's next token becomes available. */
  record TokenDue(Instant at, KeyState key) implements Timer {
    @Override
    public boolean isStale() {
      return false;
    }
  }

  /** A campaign's latest end ({@code expires_at}): its recipients still queued end expired. */
  record Expires(Instant at, CampaignState campaign) implements Timer {
    @Override
    public boolean isStale() {
      return campaign.queuesNoMore();
    }
  }

  /**
   * A call's maximum duration plus grace runs out. A recipient whose call was not placed and who is
   * dialled again has a new call start, and one tried again a new attempt: the first call's
   * time-out is stale.
   */
  record CallTimeout(
      Instant at, CampaignState campaign, int index, int attempt, long startedAtMillis)
      implements Timer {
    @Override
    public boolean isStale() {
      return !campaign.inProgress(index)
          || campaign.attempt(index) != attempt
          || campaign.startedAtMillis(index) != startedAtMillis;
    }
  }
}
