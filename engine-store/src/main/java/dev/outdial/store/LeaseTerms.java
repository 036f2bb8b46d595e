package dev.outdial.store;

import java.time.Duration;

/**
 * How long a node's key leases last and how many keys it claims at a time.
 *
 * <p>{@code duration} is counted on the database's clock from each claim or renewal: a node that
 * does not renew within it loses its keys to the first other node that claims them. Renew every
 * {@link #renewEvery()} (a third of it), so one missed heartbeat costs nothing. Every node of a
 * cluster should use the same terms, since a node counts the others as live for its own duration.
 *
 * <p>{@code claimLimit} bounds the keys one claim takes, so nodes starting together share the keys
 * rather than the first taking them all; a node also claims no more than its fair share (the keys
 * divided by the live nodes, rounded up).
 *
 * @param duration how long a lease lasts after its claim or renewal: at least 1 ms
 * @param claimLimit the most keys one claim takes: at least 1
 */
public record LeaseTerms(Duration duration, int claimLimit) {
  /** A 10 s lease, renewed every 3.3 s; up to 16 keys a claim. */
  public static final LeaseTerms DEFAULT = new LeaseTerms(Duration.ofSeconds(10), 16);

  /**
   * @throws IllegalArgumentException naming the value, if the duration is shorter than 1 ms or the
   *     limit is below 1
   */
  public LeaseTerms {
    if (duration.toMillis() < 1) {
      throw new IllegalArgumentException("a lease must last at least 1 ms, not " + duration);
    }
    if (claimLimit < 1) {
      throw new IllegalArgumentException(
          "a claim must be allowed at least 1 key, not " + claimLimit);
    }
  }

  /** How often to renew: a third of the duration. */
  public Duration renewEvery() {
    return duration.dividedBy(3);
  }
}
