package dev.outdial.engine.internal.dial;

import dev.outdial.engine.spi.KeyLimits;

/**
 * A key's call-start budget as a generic cell rate algorithm: one long of state, exact to the
 * nanosecond. Equivalent to a bucket of {@code burst} tokens refilled at {@code callsPerSecond};
 * the interval between tokens is rounded up, so the key never goes faster than its rate.
 */
public final class TokenBucket {
  private static final long MAX_CREDIT_NANOS = Long.MAX_VALUE / 4;

  private final long intervalNanos;
  private final long toleranceNanos;
  private long theoreticalArrival = Long.MIN_VALUE;

  public TokenBucket(KeyLimits limits) {
    this.intervalNanos = Math.max(1L, (long) Math.ceil(1_000_000_000d / limits.callsPerSecond()));
    long tokensBeyondOne = limits.burst() - 1L;
    // A huge burst at a slow rate would overflow: the credit stops at ~73 years of tokens, so at a
    // rate of one call a year a fresh key starts with 74 calls however large its burst.
    this.toleranceNanos =
        tokensBeyondOne > MAX_CREDIT_NANOS / intervalNanos
            ? MAX_CREDIT_NANOS
            : intervalNanos * tokensBeyondOne;
  }

  /**
   * Takes a token at {@code nowNanos} if there is one.
   *
   * @return 0 when taken, else the nanoseconds until the next token
   */
  public long tryTake(long nowNanos) {
    long arrival = Math.max(theoreticalArrival, nowNanos);
    long wait = arrival - toleranceNanos - nowNanos;
    if (wait > 0) {
      return wait;
    }
    theoreticalArrival = arrival + intervalNanos;
    return 0;
  }
}
