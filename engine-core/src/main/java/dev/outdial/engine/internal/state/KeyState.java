package dev.outdial.engine.internal.state;

import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.internal.dial.TokenBucket;
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
  /** The key's id: one string for all its campaigns. */
  final String id;

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

  /** The window of its last campaign, to share with the next one if equal. */
  private @Nullable CallingWindow lastWindow;

  /** The calls it started to each number, counted when it has an attempt cap; else null. */
  private final @Nullable NumberAttempts numberAttempts;

  KeyState(String id, KeyLimits limits) {
    this.id = id;
    this.limits = limits;
    this.bucket = new TokenBucket(limits);
    this.numberAttempts =
        limits.attemptCap() == null ? null : new NumberAttempts(limits.attemptCap());
  }

  /** Whether it has an attempt cap: without one, no phone of its calls is looked at. */
  boolean capped() {
    return numberAttempts != null;
  }

  /** A call to {@code phone} started at {@code at}: its attempt cap counts it. */
  void attemptStarted(String phone, Instant at) {
    if (numberAttempts != null) {
      numberAttempts.started(phone, at.toEpochMilli());
    }
  }

  /** The call to {@code phone} started at {@code startedAtMillis} was not placed. */
  void attemptTakenBack(String phone, long startedAtMillis) {
    if (numberAttempts != null) {
      numberAttempts.takenBack(phone, startedAtMillis);
    }
  }

  /**
   * When a call to {@code phone} keeps within the key's attempt cap, if that is after {@code now};
   * null if it may start now (or the key has no cap).
   */
  @Nullable Instant capFreeAt(String phone, Instant now) {
    if (numberAttempts == null) {
      return null;
    }
    long nowMillis = now.toEpochMilli();
    long free = numberAttempts.freeAt(phone, nowMillis);
    return free > nowMillis ? Instant.ofEpochMilli(free) : null;
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

  /**
   * {@code window}, or the equal window its previous campaign has: a key's campaigns mostly share
   * one window, and a window object is the largest part of a waiting one-recipient campaign.
   */
  CallingWindow sameWindow(CallingWindow window) {
    if (window.equals(lastWindow)) {
      return lastWindow;
    }
    lastWindow = window;
    return window;
  }

  /**
   * Since when its dialling is suspended (its dialer could not place calls: {@link
   * dev.outdial.engine.spi.CallEndSink#notPlaced}), or null while it dials.
   */
  @Nullable Instant suspendedSince;

  /** Why, while suspended. */
  @Nullable String suspendedFor;

  boolean hasFreeSlot() {
    return inFlight < limits.maxConcurrentCalls();
  }
}
