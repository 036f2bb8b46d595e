package dev.outdial.engine.internal;

import java.time.Instant;

/** Work the engine must do at an instant. Ordered by instant, then by when it was queued. */
sealed interface Timer {
  Instant at();

  long seq();

  /** A scheduled campaign's firing instant: due date reached and window open. */
  record Fire(Instant at, long seq, CampaignState campaign) implements Timer {}

  /** A running campaign's window opens again. */
  record WindowOpens(Instant at, long seq, CampaignState campaign) implements Timer {}

  /** A key's next token becomes available. */
  record TokenDue(Instant at, long seq, KeyState key) implements Timer {}

  /** A call's maximum duration plus grace runs out. */
  record CallTimeout(Instant at, long seq, CampaignState campaign, int index) implements Timer {}
}
