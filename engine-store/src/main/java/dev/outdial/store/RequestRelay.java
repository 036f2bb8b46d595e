package dev.outdial.store;

import dev.outdial.engine.store.StoreException;
import dev.outdial.store.internal.NotificationListener;
import dev.outdial.store.internal.RelayRows;
import dev.outdial.store.internal.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One node's end of the request relay, in a PostgreSQL database several Outdial nodes share: any
 * node answers any request by handing a request under a key it does not own to the key's owner and
 * waiting for the owner's answer. Requests and answers are opaque bytes.
 *
 * <p>The submitting node {@link #submit submits} a request (a row of {@code relay_requests} and a
 * notification on {@code outdial_requests} carrying the key, both at commit), then {@link #await
 * awaits} the answer; if none comes in its time it {@link #withdraw withdraws} the request, which
 * tells it whether the request can still be applied. The key's owner, told by its {@link
 * RelayListener}, {@link #take takes} its keys' requests, runs them, and {@link #answer answers}
 * them (a notification on {@code outdial_answers} carrying the id wakes the waiting node).
 *
 * <p>A request is taken by one node at a time ({@code FOR UPDATE SKIP LOCKED}), and not twice by
 * the same node; a node that gains a key takes again the requests another node took but did not
 * answer, so a request may be run more than once (make running it again safe, e.g. with idempotency
 * keys); its first answer wins. Notifications missed (while the listening connection was down) are
 * made good by the catch-up polls of {@link RelayTerms}. Rows are purged: answered ones an hour
 * after their answer, unanswered ones a day after their submit (database clock).
 *
 * <p>Holds one connection of the data source for its life, for LISTEN, and a thread that reads it
 * and reconnects it after a failure (with back-off, logged); every other call runs one short
 * transaction on a connection of its own. Safe for several threads. See docs/cluster.md.
 */
public final class RequestRelay implements AutoCloseable {
  /** Answered requests nobody collected are purged this long after their answer. */
  public static final Duration KEEP_ANSWERED = Duration.ofHours(1);

  /** Unanswered requests are purged this long after their submit. */
  public static final Duration KEEP_UNANSWERED = Duration.ofDays(1);

  private static final long PURGE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final DataSource database;
  private final String node;
  private final RelayTerms terms;
  private final RelayListener listener;
  private final Map<Long, Semaphore> waiters = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong lastPurge = new AtomicLong(System.nanoTime() - PURGE_EVERY_NANOS);
  private volatile long lastCatchUp = System.nanoTime();
  private @Nullable NotificationListener notifications;

  private RequestRelay(DataSource database, String node, RelayTerms terms, RelayListener listener) {
    this.database = database;
    this.node = node;
    this.terms = terms;
    this.listener = listener;
  }

  /**
   * Starts {@code node}'s relay on {@code database}, after bringing its schema to the version this
   * code knows (as opening the store does). It is listening when this returns: a request or answer
   * committed from then on is notified to it. {@code listener} is told to {@link
   * RelayListener#catchUp() catch up} at once, from the relay's thread.
   *
   * @param node this process's id in the cluster, as registered with {@link KeyLeases}
   * @throws IllegalArgumentException if {@code node} is blank
   * @throws StoreException if the database fails
   */
  public static RequestRelay open(
      DataSource database, String node, RelayTerms terms, RelayListener listener) {
    if (node.isBlank()) {
      throw new IllegalArgumentException("a node id must not be blank, not '" + node + "'");
    }
    RequestRelay relay = new RequestRelay(database, node, terms, listener);
    relay.inTransaction(
        "opening the relay",
        connection -> {
          RelayRows.migrate(connection, "the cluster database of node " + node);
          return null;
        });
    try {
      relay.notifications =
          NotificationListener.start(
              database,
              "outdial relay " + node,
              List.of(RelayRows.REQUESTS_CHANNEL, RelayRows.ANSWERS_CHANNEL),
              relay.new Handler());
    } catch (SQLException e) {
      throw new StoreException(
          "node " + node + ": cannot LISTEN for relayed requests: " + e.getMessage(), e);
    }
    return relay;
  }

  /** This node's id. */
  public String node() {
    return node;
  }

  /**
   * Writes {@code request} for the owner of {@code keyId}, and notifies it, in one transaction: the
   * owner hears of it once it is committed.
   *
   * @return the request's id, to {@link #await} or {@link #withdraw} it by
   * @throws IllegalArgumentException if {@code keyId} is blank
   * @throws StoreException if the database fails (nothing was submitted)
   */
  public long submit(String keyId, byte[] request) {
    if (keyId.isBlank()) {
      throw new IllegalArgumentException(
          "a request's key id must not be blank, not '" + keyId + "'");
    }
    return inTransaction(
        "submitting a request for key " + keyId,
        connection -> {
          long id = RelayRows.insert(connection, keyId, request);
          RelayRows.notify(connection, RelayRows.REQUESTS_CHANNEL, keyId);
          return id;
        });
  }

  /**
   * Waits up to {@code timeout} for request {@code id}'s answer, and deletes the request once it
   * has read the answer. Woken by the answer's notification; looks in the database at once, every
   * {@link RelayTerms#answerPoll()} and after the listening connection reconnects, so a missed
   * notification delays the answer by at most that poll.
   *
   * @return the answer; empty if none came in time (then {@link #withdraw} the request), if the
   *     request is gone (withdrawn, collected or purged), or if the thread was interrupted (its
   *     interrupt flag is set again)
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws IllegalStateException if another thread is awaiting {@code id}
   * @throws StoreException if the database fails
   */
  public Optional<byte[]> await(long id, Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("a wait must not be negative, not " + timeout);
    }
    Semaphore wake = new Semaphore(0);
    if (waiters.putIfAbsent(id, wake) != null) {
      throw new IllegalStateException("request " + id + " is awaited by another thread already");
    }
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Collected collected = inTransaction("collecting request " + id, c -> collect(c, id));
        if (collected.answer() != null) {
          return Optional.of(collected.answer());
        }
        long left = deadline - System.nanoTime();
        if (collected.gone() || left <= 0) {
          return Optional.empty();
        }
        waiting.incrementAndGet();
        try {
          wake.tryAcquire(Math.min(left, terms.answerPoll().toNanos()), TimeUnit.NANOSECONDS);
          wake.drainPermits();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        } finally {
          waiting.decrementAndGet();
        }
      }
    } finally {
      waiters.remove(id, wake);
    }
  }

  /**
   * Deletes request {@code id} if no node has taken it yet.
   *
   * @return true if it was deleted: it will never be run. False if a node took it (it may have run,
   *     or may still run) or it is gone already.
   * @throws StoreException if the database fails (then assume it may run)
   */
  public boolean withdraw(long id) {
    return inTransaction(
        "withdrawing request " + id, connection -> RelayRows.withdraw(connection, id));
  }

  /**
   * Deletes request {@code id} whatever its state, so that no node takes it from now on: for a
   * submitter that gave up waiting and told its client the request may have run. A node running it
   * now may still finish it (its answer then finds no row).
   *
   * @return whether the request was still there
   * @throws StoreException if the database fails
   */
  public boolean abandon(long id) {
    return inTransaction(
        "abandoning request " + id, connection -> RelayRows.abandon(connection, id));
  }

  /**
   * Puts back a request this node took and will not answer (it no longer runs the key's engine):
   * any node, this one included, may take it again.
   *
   * @return whether it was put back (false: answered, gone, or not taken by this node)
   * @throws StoreException if the database fails
   */
  public boolean putBack(long id) {
    return inTransaction(
        "putting back request " + id, connection -> RelayRows.putBack(connection, id, node));
  }

  /**
   * Takes, for this node, up to {@code limit} unanswered requests under {@code keys} that this node
   * has not taken already, oldest first: requests no node took, and requests another node took but
   * has not answered (call this only for keys this node owns, so that node lost the key). Never
   * waits for a request another thread is taking or withdrawing: it skips it. Purges stale rows
   * first, at most once a minute.
   *
   * @return the requests taken, oldest first; empty if none (or {@code keys} is empty)
   * @throws IllegalArgumentException if {@code limit} is below 1
   * @throws StoreException if the database fails (nothing was taken)
   */
  public List<Relayed> take(Collection<String> keys, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a take must be allowed at least 1 request, not " + limit);
    }
    if (keys.isEmpty()) {
      return List.of();
    }
    long last = lastPurge.get();
    if (System.nanoTime() - last >= PURGE_EVERY_NANOS
        && lastPurge.compareAndSet(last, System.nanoTime())) {
      purge();
    }
    return inTransaction(
        "taking requests of " + keys.size() + " keys",
        connection ->
            RelayRows.take(connection, node, new TreeSet<>(keys), limit).stream()
                .map(taken -> new Relayed(taken.id(), taken.keyId(), taken.request()))
                .toList());
  }

  /**
   * Stores {@code answer} as request {@code id}'s answer unless it has one already, and notifies
   * the waiting node, in one transaction.
   *
   * @return true if this answer was stored; false if an earlier answer won, or the request is gone
   *     (its submitter withdrew it or gave up and it was purged): nobody will read this one
   * @throws StoreException if the database fails (nothing was stored)
   */
  public boolean answer(long id, byte[] answer) {
    return inTransaction(
        "answering request " + id,
        connection -> {
          boolean stored = RelayRows.answer(connection, id, answer);
          if (stored) {
            RelayRows.notify(connection, RelayRows.ANSWERS_CHANNEL, Long.toString(id));
          }
          return stored;
        });
  }

  /**
   * Deletes answered requests older than {@link #KEEP_ANSWERED} (from their answer) and unanswered
   * ones older than {@link #KEEP_UNANSWERED} (from their submit), on the database's clock. {@link
   * #take} calls it at most once a minute; calling it as well is harmless.
   *
   * @return how many rows were deleted
   */
  public int purge() {
    return inTransaction(
        "purging stale requests",
        connection -> RelayRows.purge(connection, KEEP_ANSWERED, KEEP_UNANSWERED));
  }

  /** Stops listening and closes the listening connection; the data source stays open. */
  @Override
  public void close() {
    NotificationListener listening = notifications;
    if (listening != null) {
      listening.close();
    }
  }

  /** How many {@link #await} calls found no answer yet and are waiting for one (for tests). */
  int waitingForAnswers() {
    return waiting.get();
  }

  private record Collected(byte @Nullable [] answer, boolean gone) {}

  private static Collected collect(Connection connection, long id) throws SQLException {
    Optional<byte[]> answer = RelayRows.collect(connection, id);
    if (answer.isPresent()) {
      return new Collected(answer.get(), false);
    }
    return new Collected(null, !RelayRows.exists(connection, id));
  }

  private final class Handler implements NotificationListener.Handler {
    @Override
    public void listening(boolean again) {
      if (again) {
        // An answer notified while the connection was down was lost: every waiter looks again.
        waiters.values().forEach(Semaphore::release);
      }
      lastCatchUp = System.nanoTime();
      listener.catchUp();
    }

    @Override
    public void notified(String channel, String payload) {
      if (channel.equals(RelayRows.REQUESTS_CHANNEL)) {
        listener.requested(payload);
      } else if (channel.equals(RelayRows.ANSWERS_CHANNEL)) {
        Semaphore wake = waiters.get(Long.parseLong(payload));
        if (wake != null) {
          wake.release();
        }
      }
    }

    @Override
    public void idle() {
      if (System.nanoTime() - lastCatchUp >= terms.requestPoll().toNanos()) {
        lastCatchUp = System.nanoTime();
        listener.catchUp();
      }
    }
  }

  private <T> T inTransaction(String operation, Transactions.Work<T> work) {
    return Transactions.run(database, "node " + node + ": " + operation, work);
  }
}
