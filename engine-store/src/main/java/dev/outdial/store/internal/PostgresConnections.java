package dev.outdial.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.outdial.engine.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A small HikariCP pool to PostgreSQL. The engine calls the store from one thread, so two
 * connections are plenty; they run with auto-commit off, so a read can stream through a cursor, and
 * with {@code reWriteBatchedInserts}, so a campaign's recipients go in multi-row inserts.
 */
public final class PostgresConnections implements Connections {
  static final int POOL_SIZE = 2;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final HikariDataSource pool;
  private final String description;

  private PostgresConnections(HikariDataSource pool, String description) {
    this.pool = pool;
    this.description = description;
  }

  /**
   * Connects to {@code jdbcUrl} as {@code user}.
   *
   * @throws StoreException naming the URL (without its parameters) and user when the database
   *     cannot be reached
   */
  public static PostgresConnections open(String jdbcUrl, String user, String password) {
    String description = "PostgreSQL " + withoutParameters(jdbcUrl) + " as " + user;
    HikariConfig config = new HikariConfig();
    config.setPoolName("outdial-store");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "outdial");
    try {
      return new PostgresConnections(new HikariDataSource(config), description);
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
    return new Lease() {
      @Override
      public Connection connection() {
        return connection;
      }

      @Override
      public void close() throws SQLException {
        connection.close();
      }
    };
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
  }
}
