package dev.outdial.engine.internal;

import dev.outdial.engine.spi.KeyLimits;
import java.time.Instant;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One API key's dialling state: its limits, the calls it has in flight, its token bucket, and the
 * ring of its campaigns that may dial now, served round-robin. Keys share nothing, so one key never
 * waits on another.
 */
final class KeyState {
  final String keyId;
  final KeyLimits limits;
  final TokenBucket bucket;
  final ArrayDeque<CampaignState> ring = new ArrayDeque<>();
  int inFlight;

  /** Whether it is queued for a dispatch pass. */
  boolean dirty;

  /** The token timer pending for it, if any. */
  @Nullable Instant tokenTimerAt;

  KeyState(String keyId, KeyLimits limits) {
    this.keyId = keyId;
    this.limits = limits;
    this.bucket = new TokenBucket(limits);
  }

  boolean hasFreeSlot() {
    return inFlight < limits.maxConcurrentCalls();
  }
}
