package dev.outdial.engine.spi;

import org.jspecify.annotations.Nullable;

/**
 * How fast one API key may dial.
 *
 * <p>A call starts only when the key has fewer than {@code maxConcurrentCalls} calls started and
 * not yet ended, and its token bucket holds a token. The bucket holds at most {@code burst} tokens
 * and gains {@code callsPerSecond} tokens per second, so in any interval of length L the key starts
 * at most {@code burst + floor(L * callsPerSecond)} calls.
 *
 * @param maxConcurrentCalls at least 1
 * @param callsPerSecond tokens added per second, at least {@link #MIN_CALLS_PER_SECOND} (fractions
 *     allowed: 0.5 = one call every two seconds)
 * @param burst bucket capacity, at least 1; a fresh key starts with a full bucket
 * @param attemptCap at most so many calls to one number in a rolling period across the key's
 *     campaigns, or {@code null} for no cap
 */
public record KeyLimits(
    int maxConcurrentCalls, double callsPerSecond, int burst, @Nullable AttemptCap attemptCap) {

  /** The slowest rate a key may have: one call a year. */
  public static final double MIN_CALLS_PER_SECOND = 1.0 / (365 * 86_400);

  /** The engine's defaults unless the host says otherwise: 10 concurrent, 1 call/s, burst 1. */
  public static final KeyLimits DEFAULT = new KeyLimits(10, 1.0, 1);

  /** Limits without an attempt cap. */
  public KeyLimits(int maxConcurrentCalls, double callsPerSecond, int burst) {
    this(maxConcurrentCalls, callsPerSecond, burst, null);
  }

  /** These limits with {@code cap} ({@code null}: none). */
  public KeyLimits withAttemptCap(@Nullable AttemptCap cap) {
    return new KeyLimits(maxConcurrentCalls, callsPerSecond, burst, cap);
  }

  public KeyLimits {
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentCalls must be at least 1, was " + maxConcurrentCalls);
    }
    if (!(callsPerSecond >= MIN_CALLS_PER_SECOND) || Double.isInfinite(callsPerSecond)) {
      throw new IllegalArgumentException(
          "callsPerSecond must be finite and at least one call a year ("
              + MIN_CALLS_PER_SECOND
              + "), was "
              + callsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
  }
}
