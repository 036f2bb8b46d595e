package dev.outdial.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.outdial.engine.store.StoreException;
import dev.outdial.store.internal.PostgresConnections;
import javax.sql.DataSource;

/**
 * A pool of connections to a cluster's PostgreSQL database, for one node's {@link KeyLeases} and
 * {@link KeyStores}: configured as the single-engine store's pool (auto-commit off, batched inserts
 * rewritten), but without its advisory lock, since in a cluster each key's lease stands in for it.
 * Size it for the node's concurrent transactions: one commit per key engine at a time, plus the
 * lease heartbeat and suppression writes.
 *
 * <p>Every session ends if it sits idle inside a transaction for {@link #IDLE_IN_TRANSACTION}
 * ({@code idle_in_transaction_session_timeout}): a node frozen in the middle of a commit (a long GC
 * pause, a stopped VM) would otherwise keep its keys' lease rows locked, and the other nodes, whose
 * claims skip locked rows, could not take its keys over while it stays frozen.
 */
public final class PostgresPool implements AutoCloseable {
  /** The longest a session may sit idle inside a transaction before PostgreSQL ends it. */
  public static final java.time.Duration IDLE_IN_TRANSACTION = java.time.Duration.ofSeconds(2);

  private final HikariDataSource pool;
  private final String description;

  private PostgresPool(HikariDataSource pool, String description) {
    this.pool = pool;
    this.description = description;
  }

  /**
   * Connects to {@code jdbcUrl} (like {@code jdbc:postgresql://host:5432/outdial}) as {@code user},
   * with at most {@code size} connections.
   *
   * @throws IllegalArgumentException if {@code size} is below 1
   * @throws StoreException naming the URL (without its parameters) and the user, never the
   *     password, if the database cannot be reached
   */
  public static PostgresPool open(String jdbcUrl, String user, String password, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a pool needs at least 1 connection, not " + size);
    }
    String description = PostgresConnections.describe(jdbcUrl, user);
    return new PostgresPool(
        PostgresConnections.pool(
            jdbcUrl,
            user,
            password,
            size,
            description,
            "-c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION.toMillis()),
        description);
  }

  /** The pool, to pass to {@link KeyLeases#register} and {@link KeyStores#open}. */
  public DataSource dataSource() {
    return pool;
  }

  /** The database and user, never the password. */
  public String describe() {
    return description;
  }

  /** Closes every connection: after the node's stores and leases are done with. */
  @Override
  public void close() {
    pool.close();
  }
}
