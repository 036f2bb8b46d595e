package dev.outdial.store;

import java.time.Duration;

/**
 * The catch-up polls of a {@link RequestRelay}, bounding how long a missed notification can delay a
 * relayed request. PostgreSQL does not lose a notification on a live connection, but one sent while
 * the listening connection is down is gone, and a taker's transient failure drops the work its
 * notification asked for; these polls are the bound on both.
 *
 * @param answerPoll how often a waiting {@link RequestRelay#await} looks for its answer in the
 *     database, besides being woken by the answer's notification: at least 1 ms
 * @param requestPoll how often the relay tells its {@link RelayListener} to {@link
 *     RelayListener#catchUp() catch up} on all its node's keys, besides notifications: at least 1
 *     ms
 */
public record RelayTerms(Duration answerPoll, Duration requestPoll) {
  /** Answers looked for every 250 ms, requests caught up with every second. */
  public static final RelayTerms DEFAULT =
      new RelayTerms(Duration.ofMillis(250), Duration.ofSeconds(1));

  /**
   * @throws IllegalArgumentException naming the value, if a poll is shorter than 1 ms
   */
  public RelayTerms {
    if (answerPoll.toMillis() < 1) {
      throw new IllegalArgumentException(
          "the answer poll must be at least 1 ms, not " + answerPoll);
    }
    if (requestPoll.toMillis() < 1) {
      throw new IllegalArgumentException(
          "the request poll must be at least 1 ms, not " + requestPoll);
    }
  }
}
