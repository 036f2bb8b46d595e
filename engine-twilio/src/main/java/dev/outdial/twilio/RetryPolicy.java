package dev.outdial.twilio;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dialer retries requests to Twilio that are safe to repeat: a create-call refused with 429
 * (error 20429) or that never left this host (connection refused or connect time-out), look-ups,
 * and hang-ups. A create that may have reached Twilio is never simply repeated (see {@link
 * TwilioDialer}).
 *
 * <p>The n-th retry waits a random time between half and all of {@code min(maxBackoff, baseBackoff
 * × 2^(n-1))}; a {@code Retry-After} header from Twilio is honoured instead when it asks for
 * longer.
 *
 * @param maxAttempts requests of one kind for one call, first one included; at least 1
 * @param baseBackoff the wait before the first retry (before jitter); positive
 * @param maxBackoff the longest computed wait; at least {@code baseBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

  /** Five attempts, 1 s doubling up to 30 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (baseBackoff.isNegative() || baseBackoff.isZero()) {
      throw new IllegalArgumentException("baseBackoff must be positive, was " + baseBackoff);
    }
    if (maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be at least baseBackoff (" + baseBackoff + "), was " + maxBackoff);
    }
  }
}
