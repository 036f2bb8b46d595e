package dev.outdial.store.internal;

import dev.outdial.engine.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Ownership of a PostgreSQL database by one engine: a session-level advisory lock ({@code
 * pg_try_advisory_lock}) held on a connection of its own, outside the pool, for as long as the
 * store is open. PostgreSQL releases it when that session ends: on {@link #close()}, or when the
 * holder dies (even by {@code kill -9}) and its connection drops. Advisory locks are per database,
 * so engines on other databases of the same server are not affected.
 *
 * <p>A second engine on the same database would load the same queued recipients and dial them, so
 * {@link #take} refuses while another session holds the lock, and {@link #check} fails once this
 * session is gone: after that another engine may own the database, and writing on would break at
 * most once. The lock is never taken again by a running store: between losing and retaking it,
 * another engine may have run.
 */
final class PostgresEngineLock implements AutoCloseable {
  /** The lock's key: the first 8 bytes of SHA-256("outdial.engine"), big-endian. */
  static final long KEY = key("outdial.engine");

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final Connection session;
  private final String description;

  private PostgresEngineLock(Connection session, String description) {
    this.session = session;
    this.description = description;
  }

  /**
   * Takes the lock on the database at {@code jdbcUrl}, described as {@code description} (never with
   * a password).
   *
   * @throws StoreException if the database cannot be reached, or another engine holds the lock
   */
  static PostgresEngineLock take(String jdbcUrl, String user, String password, String description) {
    Connection session;
    try {
      // Not from the pool: the pool may close or replace its connections, which would drop the
      // lock silently.
      session = DriverManager.getConnection(jdbcUrl, properties(user, password));
    } catch (SQLException e) {
      throw new StoreException("cannot connect to " + description + ": " + e.getMessage(), e);
    }
    try {
      if (tryLock(session)) {
        return new PostgresEngineLock(session, description);
      }
      String holder = holder(session);
      closeQuietly(session, null);
      throw new StoreException(
          "cannot open the store in "
              + description
              + ": another Outdial engine holds this database (advisory lock "
              + KEY
              + holder
              + "); two engines on one database would dial the same recipients");
    } catch (SQLException e) {
      closeQuietly(session, e);
      throw new StoreException(
          "cannot take the engine lock of " + description + ": " + e.getMessage(), e);
    }
  }

  private static Properties properties(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("ApplicationName", "outdial-lock");
    properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
    // The session idles for the store's whole life: keepalives let both ends notice a dead peer.
    properties.setProperty("tcpKeepAlive", "true");
    return properties;
  }

  private static boolean tryLock(Connection session) throws SQLException {
    try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, KEY);
      try (ResultSet row = lock.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }

  /** ", held by backend pid N" for the refusal, so an operator can find the holder; or nothing. */
  private static String holder(Connection session) {
    // pg_locks splits a bigint advisory key: classid the high 32 bits, objid the low 32 bits.
    String sql =
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND classid::bigint = ? AND objid::bigint = ?";
    try (PreparedStatement find = session.prepareStatement(sql)) {
      find.setLong(1, KEY >>> 32);
      find.setLong(2, KEY & 0xFFFF_FFFFL);
      try (ResultSet row = find.executeQuery()) {
        return row.next() ? ", held by backend pid " + row.getInt(1) : "";
      }
    } catch (SQLException e) {
      return ""; // only a hint for the message
    }
  }

  /**
   * Throws unless this session, and so the lock, is still alive: one round trip to the server.
   *
   * @throws SQLException naming the database when the lock session has ended
   */
  void check() throws SQLException {
    if (!session.isValid((int) CHECK_TIMEOUT.toSeconds())) {
      throw new SQLException(
          "the engine lock of "
              + description
              + " is lost (its session ended), so another engine may own the database now;"
              + " this store writes no more: restart the engine");
    }
  }

  /** Releases the lock, then ends the session. */
  @Override
  public void close() {
    // Closing alone releases the lock only once the server has handled the session's end, which
    // a loaded server does after close returns: a store opened right after would be refused.
    // Unlocking first is answered only once released. A session that already died released its
    // lock with it: nothing to report.
    try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, KEY);
      unlock.execute();
    } catch (SQLException e) {
      // dead session: the lock went with it
    }
    closeQuietly(session, null);
  }

  private static void closeQuietly(Connection session, @Nullable Exception cause) {
    try {
      session.close();
    } catch (SQLException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      }
    }
  }

  private static long key(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
