package dev.outdial.engine.internal;

import dev.outdial.engine.spi.KeyLimits;
import java.util.ArrayDeque;

/**
 * One API key's dialling state: its limits, the calls it has in flight, its token bucket, and the
 * ring of its campaigns that may dial now, served round-robin. Keys share nothing, so one key never
 * waits on another.
 */
final class KeyState {
  final KeyLimits limits;
  final TokenBucket bucket;
  final ArrayDeque<CampaignState> ring = new ArrayDeque<>();
  int inFlight;

  /** Whether it is queued for a dispatch pass. */
  boolean dirty;

  /** Whether a timer for its next token is pending (the next token never comes earlier). */
  boolean tokenTimerPending;

  KeyState(KeyLimits limits) {
    this.limits = limits;
    this.bucket = new TokenBucket(limits);
  }

  boolean hasFreeSlot() {
    return inFlight < limits.maxConcurrentCalls();
  }
}
