package dev.outdial.engine.spi;

import java.time.Duration;

/**
 * At most {@code attempts} calls to one number in any {@code per} (a rolling period), across all of
 * a key's campaigns — the attempt caps some US states set (docs/compliance.md). A call counts from
 * the instant it started, whether it was answered or not, and a call the dialer could not place
 * does not count. A recipient whose number is at its cap waits (still queued) until the oldest
 * counted call leaves the period; it is not skipped.
 *
 * @param attempts at least 1
 * @param per from 1 minute to {@link #MAX_PER}, in whole minutes
 */
public record AttemptCap(int attempts, Duration per) {

  /** The longest period a cap may count over: a week (the engine keeps that much attempt log). */
  public static final Duration MAX_PER = Duration.ofDays(7);

  public AttemptCap {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    if (per.compareTo(Duration.ofMinutes(1)) < 0
        || per.compareTo(MAX_PER) > 0
        || per.toSeconds() % 60 != 0
        || per.getNano() != 0) {
      throw new IllegalArgumentException(
          "per must be whole minutes from 1 minute to 7 days, was " + per);
    }
  }
}
