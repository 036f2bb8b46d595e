package dev.outdial.store.internal;

import dev.outdial.engine.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * The one connection to a SQLite file, opened with its pragmas and kept: the engine is the only
 * writer and calls the store from one thread, so reads share it too.
 *
 * <ul>
 *   <li>{@code journal_mode=WAL}: a commit appends to the log instead of rewriting pages, and
 *       readers (a backup, {@code sqlite3}) do not block the writer.
 *   <li>{@code synchronous=FULL}: every commit is fsynced. In WAL mode {@code NORMAL} only syncs at
 *       checkpoints, so a power cut can lose the last commits — which the engine already acted on.
 *   <li>{@code busy_timeout}: wait for another process's lock instead of failing at once.
 *   <li>{@code foreign_keys=ON}: SQLite enforces declared foreign keys only when asked, per
 *       connection.
 * </ul>
 */
public final class SqliteConnections implements Connections {
  /** How long a write waits for another process holding the file's lock. */
  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

  private final Path file;
  private final Connection connection;

  private SqliteConnections(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating if absent) the store file {@code file}.
   *
   * @throws StoreException naming the file and why it cannot be opened
   */
  public static SqliteConnections open(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path directory = absolute.getParent();
    if (directory != null && !Files.isDirectory(directory)) {
      throw new StoreException(
          "cannot open the SQLite store "
              + absolute
              + ": directory "
              + directory
              + " does not exist");
    }
    if (Files.isDirectory(absolute)) {
      throw new StoreException(
          "cannot open the SQLite store " + absolute + ": it is a directory, not a file");
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
    } catch (SQLException e) {
      throw new StoreException(
          "cannot open the SQLite store " + absolute + ": " + e.getMessage(), e);
    }
    try {
      applyPragmas(connection);
      return new SqliteConnections(absolute, connection);
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new StoreException(
          "cannot open the SQLite store " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static void applyPragmas(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // First, so a file that is not a database fails here, before anything is written.
      statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        String journal = mode.next() ? mode.getString(1) : "none";
        if (!"wal".equals(journal.toLowerCase(Locale.ROOT))) {
          throw new SQLException("journal_mode is " + journal + ", WAL could not be set");
        }
      }
      statement.execute("PRAGMA synchronous = FULL");
      statement.execute("PRAGMA foreign_keys = ON");
    }
  }

  private static void closeQuietly(Connection connection, Exception cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public Lease lease() throws SQLException {
    if (connection.isClosed()) {
      throw new SQLException("the store is closed");
    }
    return new Lease() {
      @Override
      public Connection connection() {
        return connection;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public String describe() {
    return "SQLite " + file + " (WAL, synchronous=FULL)";
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close " + describe() + ": " + e.getMessage(), e);
    }
  }
}
