package dev.outdial.store.internal;

import dev.outdial.engine.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a store's schema to the version this code knows, at start-up. Migrations are numbered
 * resources {@code V<n>__<what>.sql}, applied in order, each recorded in {@code schema_version};
 * all pending ones run in one transaction (both databases have transactional DDL), so a failed
 * upgrade leaves the schema as it was. A dialect's own version of a migration, in its folder, wins
 * over the common one: SQLite's V7 and V8 are empty, since key leases and key engines exist only on
 * PostgreSQL.
 */
final class Migrations {
  /** Every migration, in order: version {@code i + 1} is {@code KNOWN.get(i)}. */
  static final List<String> KNOWN =
      List.of(
          "V1__schema",
          "V2__suppression",
          "V3__local_hours",
          "V4__expiry",
          "V5__owner_epoch",
          "V6__attempts",
          "V7__key_leases",
          "V8__key_engines",
          "V9__relay");

  private static final String ROOT = "/dev/outdial/store/migration/";

  private Migrations() {}

  /**
   * Applies the migrations the store lacks.
   *
   * @throws StoreException if the store's schema is newer than this code knows
   * @throws SQLException if a migration fails (nothing of it is kept)
   */
  static void run(Connection connection, Dialect dialect, String store) throws SQLException {
    dialect.beginWrite(connection);
    try {
      execute(
          connection,
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_s BIGINT NOT NULL)");
      dialect.commit(connection);
    } catch (SQLException | RuntimeException e) {
      dialect.rollback(connection);
      throw e;
    }
    dialect.beginWrite(connection);
    try {
      dialect.lockForMigration(connection);
      int current = currentVersion(connection);
      if (current > KNOWN.size()) {
        throw new StoreException(
            store
                + " has schema version "
                + current
                + ", newer than the "
                + KNOWN.size()
                + " this Outdial knows: it was written by a newer Outdial; run that one, or"
                + " another store");
      }
      for (int version = current + 1; version <= KNOWN.size(); version++) {
        apply(connection, dialect, version);
      }
      dialect.commit(connection);
    } catch (SQLException | RuntimeException e) {
      dialect.rollback(connection);
      throw e;
    }
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return row.next() ? row.getInt(1) : 0;
    }
  }

  private static void apply(Connection connection, Dialect dialect, int version)
      throws SQLException {
    String name = KNOWN.get(version - 1);
    for (String sql : statements(dialect.withTypes(text(dialect, name)))) {
      try {
        execute(connection, sql);
      } catch (SQLException e) {
        throw new SQLException(
            "migration " + name + " failed: " + e.getMessage(), e.getSQLState(), e);
      }
    }
    try (PreparedStatement record =
        connection.prepareStatement(
            "INSERT INTO schema_version (version, name, applied_s) VALUES (?, ?, ?)")) {
      record.setInt(1, version);
      record.setString(2, name);
      record.setLong(3, Instant.now().getEpochSecond());
      record.executeUpdate();
    }
  }

  private static String text(Dialect dialect, String name) {
    for (String path :
        List.of(
            ROOT + dialect.migrationFolder() + "/" + name + ".sql",
            ROOT + "common/" + name + ".sql")) {
      try (InputStream in = Migrations.class.getResourceAsStream(path)) {
        if (in != null) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read migration " + path, e);
      }
    }
    throw new IllegalStateException("migration " + name + " is missing from the classpath");
  }

  /** The statements of a migration: split at semicolons ending a line, comment lines dropped. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
