package dev.outdial.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SQL of the suppression lists (table {@code suppressed_numbers}, migration V2), on a
 * connection whose transaction the caller holds. The same on both databases: {@code ON CONFLICT DO
 * NOTHING} is SQLite's (3.24+) and PostgreSQL's (9.5+).
 */
final class SuppressionRows {
  private static final int BATCH = 500;

  private SuppressionRows() {}

  static void insert(Connection connection, String keyId, Collection<String> phones, Instant at)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO suppressed_numbers (key_id, phone, added_s, added_n) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (key_id, phone) DO NOTHING")) {
      int pending = 0;
      for (String phone : phones) {
        insert.setString(1, keyId);
        insert.setString(2, phone);
        insert.setLong(3, at.getEpochSecond());
        insert.setInt(4, at.getNano());
        insert.addBatch();
        if (++pending == BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
  }

  static void delete(Connection connection, String keyId, String phone) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM suppressed_numbers WHERE key_id = ? AND phone = ?")) {
      delete.setString(1, keyId);
      delete.setString(2, phone);
      delete.executeUpdate();
    }
  }

  /** {@code keyId}'s list alone, keyed as {@link #all}: empty if it has no number. */
  static Map<String, Set<String>> of(Connection connection, String keyId) throws SQLException {
    Set<String> phones = new TreeSet<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT phone FROM suppressed_numbers WHERE key_id = ? ORDER BY phone")) {
      select.setString(1, keyId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          phones.add(rows.getString(1));
        }
      }
    }
    return phones.isEmpty() ? Map.of() : Map.of(keyId, phones);
  }

  static Map<String, Set<String>> all(Connection connection) throws SQLException {
    Map<String, Set<String>> lists = new TreeMap<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT key_id, phone FROM suppressed_numbers ORDER BY key_id, phone");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        lists.computeIfAbsent(rows.getString(1), k -> new TreeSet<>()).add(rows.getString(2));
      }
    }
    return lists;
  }
}
