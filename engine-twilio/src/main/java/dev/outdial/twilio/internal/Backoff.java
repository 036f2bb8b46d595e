package dev.outdial.twilio.internal;

import dev.outdial.twilio.RetryPolicy;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Waits between retries: exponential with jitter, bounded, and never shorter than a {@code
 * Retry-After} Twilio asked for (itself capped at ten minutes).
 */
public final class Backoff {
  static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

  private final RetryPolicy policy;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1)
   */
  public Backoff(RetryPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration delay(int retry, @Nullable Duration retryAfter) {
    long base = policy.baseBackoff().toNanos();
    long max = policy.maxBackoff().toNanos();
    int doublings = Math.max(0, Math.min(retry - 1, 62));
    long ceiling = base > (max >> doublings) ? max : Math.min(max, base << doublings);
    long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
    Duration computed = Duration.ofNanos(jittered);
    if (retryAfter != null && retryAfter.compareTo(computed) > 0) {
      return retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
    }
    return computed;
  }

  /** Attempts allowed for one kind of request. */
  public int maxAttempts() {
    return policy.maxAttempts();
  }
}
