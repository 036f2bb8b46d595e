package dev.outdial.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A campaign's second chances (request field {@code retry}, not in the seed): a recipient whose
 * call ended with one of {@link #on()} is called again, as a new call with its own id, no sooner
 * than {@link #minDelay()} after that call ended, until it has had {@link #maxAttempts()} calls.
 * Every attempt keeps to the campaign's window, its recipient-local hours guard, its latest end and
 * its key's limits (docs/compliance.md). A campaign without one calls each recipient once.
 *
 * @param on the ended reasons that call again: a non-empty subset of {@link #RETRYABLE}
 * @param maxAttempts calls a recipient may get in all, the first one included: 2 to {@link
 *     #MAX_ATTEMPTS}
 * @param minDelay the least time from an attempt's end to the next attempt's start: whole minutes,
 *     from 1 minute to {@link #MAX_DELAY}
 */
public record RetryPolicy(Set<EndedReason> on, int maxAttempts, Duration minDelay) {

  /** The reasons a call may be tried again for: nobody answered, or nobody could. */
  public static final Set<EndedReason> RETRYABLE =
      Collections.unmodifiableSet(
          EnumSet.of(
              EndedReason.NO_ANSWER,
              EndedReason.BUSY,
              EndedReason.VOICEMAIL_DETECTED,
              EndedReason.DIAL_FAILED));

  /** The most calls a recipient may get. */
  public static final int MAX_ATTEMPTS = 10;

  /** The longest minimum delay: a week. */
  public static final Duration MAX_DELAY = Duration.ofDays(7);

  public RetryPolicy {
    if (on.isEmpty()) {
      throw new IllegalArgumentException("on must name at least one ended reason");
    }
    EnumSet<EndedReason> reasons = EnumSet.copyOf(on);
    for (EndedReason reason : reasons) {
      if (!RETRYABLE.contains(reason)) {
        throw new IllegalArgumentException(
            "a call that ended " + reason.wire() + " is not tried again; retryable: " + RETRYABLE);
      }
    }
    on = Collections.unmodifiableSet(reasons);
    if (maxAttempts < 2 || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "maxAttempts must be 2 to " + MAX_ATTEMPTS + ", was " + maxAttempts);
    }
    if (minDelay.compareTo(Duration.ofMinutes(1)) < 0
        || minDelay.compareTo(MAX_DELAY) > 0
        || minDelay.toSeconds() % 60 != 0
        || minDelay.getNano() != 0) {
      throw new IllegalArgumentException(
          "minDelay must be whole minutes from 1 minute to 7 days, was " + minDelay);
    }
  }

  /** Whether a call that ended with {@code reason} as attempt {@code attempt} is tried again. */
  public boolean retries(EndedReason reason, int attempt) {
    return attempt < maxAttempts && on.contains(reason);
  }
}
