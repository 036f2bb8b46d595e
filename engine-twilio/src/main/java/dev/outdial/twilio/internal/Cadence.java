package dev.outdial.twilio.internal;

/**
 * A token bucket that books ahead: {@code burst} tokens refilled at {@code perSecond}, kept as a
 * generic cell rate algorithm (one long of state). Unlike a bucket that only says "not yet", it
 * hands out the next free instant and books it, so requests that must wait go in the order they
 * asked and none is starved. The interval between tokens is rounded up, so it never runs faster
 * than its rate: in any interval of length L at most {@code burst + floor(L × perSecond)} bookings
 * fall.
 */
final class Cadence {
  private static final long MAX_CREDIT_NANOS = Long.MAX_VALUE / 4;

  private final long intervalNanos;
  private final long toleranceNanos;
  private long theoreticalArrival = Long.MIN_VALUE / 2;

  Cadence(double perSecond, int burst) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1) {
      throw new IllegalArgumentException("rate " + perSecond + ", burst " + burst);
    }
    this.intervalNanos = Math.max(1L, (long) Math.ceil(1_000_000_000d / perSecond));
    long tokensBeyondOne = burst - 1L;
    this.toleranceNanos =
        tokensBeyondOne > MAX_CREDIT_NANOS / intervalNanos
            ? MAX_CREDIT_NANOS
            : intervalNanos * tokensBeyondOne;
  }

  /** The earliest instant, not before {@code nowNanos}, at which a token is free. */
  long earliest(long nowNanos) {
    return Math.max(nowNanos, theoreticalArrival - toleranceNanos);
  }

  /** Takes the token at {@code atNanos}, which is not before {@link #earliest}. */
  void book(long atNanos) {
    theoreticalArrival = Math.max(theoreticalArrival, atNanos) + intervalNanos;
  }
}
