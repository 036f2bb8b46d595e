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
 */
public final class PostgresPool implements AutoCloseable {
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
        PostgresConnections.pool(jdbcUrl, user, password, size, description), description);
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
