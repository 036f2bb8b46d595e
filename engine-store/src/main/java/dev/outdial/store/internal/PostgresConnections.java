package dev.outdial.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.outdial.engine.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A small HikariCP pool to PostgreSQL, and the database's {@link PostgresEngineLock}. The engine
 * calls the store from one thread and suppression-list writes are rare and short, so two
 * connections are plenty (a third caller waits for one); they run with auto-commit off, so a read
 * can stream through a cursor, and with {@code reWriteBatchedInserts}, so a campaign's recipients
 * go in multi-row inserts.
 *
 * <p>The lock is taken before the pool opens (a refused engine touches nothing) and released after
 * it closes (no write of ours can follow another engine's start).
 */
public final class PostgresConnections implements Connections {
  static final int POOL_SIZE = 2;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final PostgresEngineLock lock;
  private final HikariDataSource pool;
  private final String description;

  private PostgresConnections(PostgresEngineLock lock, HikariDataSource pool, String description) {
    this.lock = lock;
    this.pool = pool;
    this.description = description;
  }

  /**
   * Connects to {@code jdbcUrl} as {@code user}.
   *
   * @throws StoreException naming the URL (without its parameters) and user when the database
   *     cannot be reached, or another engine holds it
   */
  public static PostgresConnections open(String jdbcUrl, String user, String password) {
    String description = describe(jdbcUrl, user);
    PostgresEngineLock lock = PostgresEngineLock.take(jdbcUrl, user, password, description);
    try {
      return new PostgresConnections(
          lock, pool(jdbcUrl, user, password, POOL_SIZE, description), description);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** How {@code user} at {@code jdbcUrl} is shown: never with the URL's parameters. */
  public static String describe(String jdbcUrl, String user) {
    return "PostgreSQL " + withoutParameters(jdbcUrl) + " as " + user;
  }

  /**
   * A pool of up to {@code size} connections configured as the store's (auto-commit off, batched
   * inserts rewritten), without the engine lock: a cluster's nodes share the database, and key
   * leases stand in for the lock.
   *
   * @throws StoreException naming {@code description} when the database cannot be reached
   */
  public static HikariDataSource pool(
      String jdbcUrl, String user, String password, int size, String description) {
    return pool(jdbcUrl, user, password, size, description, null);
  }

  /**
   * {@link #pool(String, String, String, int, String)} with {@code sessionOptions}, the driver's
   * {@code options} (like {@code -c name=value}) every connection starts its session with.
   */
  public static HikariDataSource pool(
      String jdbcUrl,
      String user,
      String password,
      int size,
      String description,
      @Nullable String sessionOptions) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("outdial-store");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "outdial");
    if (sessionOptions != null) {
      config.addDataSourceProperty("options", sessionOptions);
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + description + ": " + rootMessage(e), e);
    }
  }

  /** A URL's parameters may hold a password: never shown. */
  private static String withoutParameters(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  @Override
  public Lease lease() throws SQLException {
    Connection connection = pool.getConnection();
    return Lease.closing(connection);
  }

  @Override
  public void requireOwnership() throws SQLException {
    lock.check();
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    try {
      pool.close();
    } finally {
      lock.close();
    }
  }
}
