package dev.outdial.store.internal;

import dev.outdial.engine.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one connection to a SQLite file, opened with its pragmas and kept, lent to one operation at a
 * time: the engine calls the store from its thread, a host's request threads write suppression
 * lists beside it, and a JDBC connection is not for two threads at once. A lease holds the
 * connection's lock until it is closed, so operations of several threads run one after another
 * (SQLite has one writer anyway).
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
 *
 * <p>The file has one owner at a time: an exclusive lock on {@code <file>.lock}, held while the
 * store is open and released by the operating system when the process dies (even by {@code kill
 * -9}). A second engine on the same file would believe it is the only writer and dial the
 * recipients the first one dials.
 */
public final class SqliteConnections implements Connections {
  /** How long a write waits for another process holding the file's lock. */
  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

  private final Path file;
  private final Connection connection;
  private final FileLock owner;
  private final ReentrantLock inUse = new ReentrantLock();

  private SqliteConnections(Path file, Connection connection, FileLock owner) {
    this.file = file;
    this.connection = connection;
    this.owner = owner;
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
    FileLock owner = own(absolute);
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
    } catch (SQLException e) {
      release(owner, e);
      throw new StoreException(
          "cannot open the SQLite store " + absolute + ": " + e.getMessage(), e);
    }
    try {
      applyPragmas(connection);
      return new SqliteConnections(absolute, connection, owner);
    } catch (SQLException e) {
      closeQuietly(connection, e);
      release(owner, e);
      throw new StoreException(
          "cannot open the SQLite store " + absolute + ": " + e.getMessage(), e);
    }
  }

  /** Takes the file's owner lock, or refuses: another engine (in this process or not) has it. */
  private static FileLock own(Path file) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException(
          "cannot open the SQLite store " + file + ": cannot open its lock file " + lockFile, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // refused anyway
      }
      throw new StoreException(
          "cannot open the SQLite store "
              + file
              + ": it is in use by another engine (its lock file "
              + lockFile
              + " is held); two engines on one file would dial the same recipients");
    }
    return lock;
  }

  private static void release(FileLock owner, Exception cause) {
    try {
      owner.channel().close();
    } catch (IOException e) {
      cause.addSuppressed(e);
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
      // A pragma SQLite does not know, or cannot apply, is ignored silently: check they took.
      requirePragma(statement, "synchronous", 2);
      requirePragma(statement, "foreign_keys", 1);
    }
  }

  private static void requirePragma(Statement statement, String pragma, int expected)
      throws SQLException {
    try (ResultSet value = statement.executeQuery("PRAGMA " + pragma)) {
      int actual = value.next() ? value.getInt(1) : -1;
      if (actual != expected) {
        throw new SQLException(pragma + " is " + actual + " where " + expected + " was set");
      }
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
    inUse.lock();
    try {
      if (connection.isClosed()) {
        throw new SQLException("the store is closed");
      }
    } catch (SQLException | RuntimeException e) {
      inUse.unlock();
      throw e;
    }
    return new Lease() {
      private boolean returned;

      @Override
      public Connection connection() {
        return connection;
      }

      @Override
      public void close() {
        if (!returned) {
          returned = true;
          inUse.unlock();
        }
      }
    };
  }

  @Override
  public void requireOwnership() throws SQLException {
    // Held by the OS until our channel closes: cheap, no system call.
    if (!owner.isValid()) {
      throw new SQLException("the lock file of " + describe() + " is no longer held");
    }
  }

  @Override
  public String describe() {
    return "SQLite " + file + " (WAL, synchronous=FULL)";
  }

  @Override
  public void close() {
    inUse.lock(); // not under an operation of another thread
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close " + describe() + ": " + e.getMessage(), e);
    } finally {
      try {
        owner.channel().close(); // releases the lock: the file is free for the next owner
      } catch (IOException e) {
        // the process's end releases it anyway
      }
      inUse.unlock();
    }
  }
}
