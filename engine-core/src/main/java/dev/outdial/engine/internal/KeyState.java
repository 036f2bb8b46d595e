package dev.outdial.engine.internal;

import dev.outdial.engine.spi.KeyLimits;
import java.time.Instant;
import java.util.HashMap;
import org.jspecify.annotations.Nullable;

/**
 * One API key's dialling state: its limits, the calls it has in flight, its token bucket, and the
 * ring of its campaigns that may dial now, served round-robin. Keys share nothing, so one key never
 * waits on another.
 */
final class KeyState {
  final KeyLimits limits;
  final TokenBucket bucket;
  final Ring ring = new Ring();

  /** Its cohorts not yet fired, by firing instant. */
  private final HashMap<Instant, Cohort> cohorts = new HashMap<>();

  int inFlight;

  /** Whether it is queued for a dispatch pass. */
  boolean dirty;

  /** Whether a timer for its next token is pending (the next token never comes earlier). */
  boolean tokenTimerPending;

  KeyState(KeyLimits limits) {
    this.limits = limits;
    this.bucket = new TokenBucket(limits);
  }

  /** Its cohort firing at {@code at} and not yet fired, or null. */
  @Nullable Cohort cohortAt(Instant at) {
    return cohorts.get(at);
  }

  void addCohort(Cohort cohort) {
    cohorts.put(cohort.firesAt, cohort);
  }

  /** The cohort fired: campaigns scheduled for the same instant from now on make a new one. */
  void fired(Cohort cohort) {
    cohorts.remove(cohort.firesAt, cohort);
  }

  /** Every member of the cohort left the schedule before it fired: nothing will fire it. */
  void forget(Cohort cohort) {
    cohorts.remove(cohort.firesAt, cohort);
  }

  boolean hasFreeSlot() {
    return inFlight < limits.maxConcurrentCalls();
  }
}
