package dev.outdial.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * What differs between the two databases, and nothing else: how a transaction begins, the name of
 * the two-argument maximum, the bytes type and the 64-bit key (only SQLite's exact {@code INTEGER
 * PRIMARY KEY} is the table's rowid; PostgreSQL's {@code INTEGER} is 32 bits), where a migration of
 * its own would live, and how a new campaign's recipients are written.
 *
 * <p>SQLite connections stay in JDBC auto-commit and the store begins its transactions itself:
 * {@code BEGIN IMMEDIATE} takes the write lock up front, so a write never fails half-way with
 * {@code SQLITE_BUSY} when another process (a backup, {@code sqlite3}) holds the file. PostgreSQL
 * connections run with auto-commit off (needed for cursor reads) and begin implicitly.
 */
public enum Dialect {
  SQLITE(
      "SQLite", "sqlite", "MAX", Map.of("${bytes}", "BLOB", "${int64_key}", "INTEGER PRIMARY KEY")),
  POSTGRES(
      "PostgreSQL",
      "postgres",
      "GREATEST",
      Map.of("${bytes}", "BYTEA", "${int64_key}", "BIGINT PRIMARY KEY"));

  private final String displayName;
  private final String folder;
  private final String greatest;
  private final Map<String, String> types;

  Dialect(String displayName, String folder, String greatest, Map<String, String> types) {
    this.displayName = displayName;
    this.folder = folder;
    this.greatest = greatest;
    this.types = types;
  }

  String displayName() {
    return displayName;
  }

  /** The resource folder holding this dialect's own version of a migration, where one differs. */
  String migrationFolder() {
    return folder;
  }

  /** The scalar function returning the larger of two values. */
  String greatest() {
    return greatest;
  }

  /**
   * A migration's text with its type placeholders ({@code ${bytes}}, {@code ${int64_key}})
   * replaced.
   */
  String withTypes(String sql) {
    String result = sql;
    for (Map.Entry<String, String> type : types.entrySet()) {
      result = result.replace(type.getKey(), type.getValue());
    }
    return result;
  }

  void beginWrite(Connection connection) throws SQLException {
    if (this == SQLITE) {
      execute(connection, "BEGIN IMMEDIATE");
    }
  }

  /**
   * Whether a new campaign's recipients go in with {@link RecipientCopy} ({@code COPY}) rather than
   * batched {@code INSERT}s. PostgreSQL: a round trip and a parse per multi-row insert cost about a
   * second for 100,000 recipients, which {@code COPY} streams in one command. SQLite runs in
   * process: its prepared inserts are already the fast way.
   */
  boolean copiesRecipients() {
    return this == POSTGRES;
  }

  /** Reads of several statements see one snapshot. */
  void beginRead(Connection connection) throws SQLException {
    if (this == SQLITE) {
      execute(connection, "BEGIN");
    }
  }

  void commit(Connection connection) throws SQLException {
    if (this == SQLITE) {
      execute(connection, "COMMIT");
    } else {
      connection.commit();
    }
  }

  /** Rolls back the transaction begun, if it is still open. */
  void rollback(Connection connection) throws SQLException {
    if (this == SQLITE) {
      if (!connection.isClosed()) {
        try {
          execute(connection, "ROLLBACK");
        } catch (SQLException noTransaction) {
          // SQLite already rolled back (some errors end the transaction themselves): nothing left.
        }
      }
    } else if (!connection.isClosed()) {
      connection.rollback();
    }
  }

  /**
   * What ends a {@code SELECT} that must lock the rows it reads until the transaction ends:
   * PostgreSQL's {@code FOR UPDATE}; nothing on SQLite, whose {@code BEGIN IMMEDIATE} already holds
   * the whole file's write lock.
   */
  String lockingRead() {
    return this == POSTGRES ? " FOR UPDATE" : "";
  }

  /** SQL taking the lock that serialises migrations of several processes starting at once. */
  void lockForMigration(Connection connection) throws SQLException {
    if (this == POSTGRES) {
      execute(connection, "LOCK TABLE schema_version IN EXCLUSIVE MODE");
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
