package dev.outdial.store.internal;

import dev.outdial.engine.store.StoreException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The SQL of key engines on PostgreSQL (table {@code key_engines}, migration V8) and of the id
 * secret they share, each method on a connection inside a transaction the caller holds.
 */
public final class KeyEngineRows {
  /** As the engine draws it: 32 bytes, two 128-bit cipher keys (campaign ids, call ids). */
  static final int SECRET_BYTES = 32;

  private static final String ORDINAL = "SELECT ordinal FROM key_engines WHERE key_id = ?";
  private static final String NEXT_ORDINAL = "SELECT nextval('key_engine_ordinals')";

  // A node adding the same key at once waits on the key's row, then inserts nothing.
  private static final String ADD =
      "INSERT INTO key_engines (key_id, ordinal, next_campaign_counter, next_call_counter)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING";

  private static final String BELOW_KEY_RANGES = "SELECT count(*) FROM campaigns WHERE counter < ?";

  private static final String SET_SECRET =
      "UPDATE engine_meta SET secret = ? WHERE id = 1 AND secret IS NULL";
  private static final String READ_SECRET = "SELECT secret FROM engine_meta WHERE id = 1";

  private KeyEngineRows() {}

  /** Brings the schema to the version this code knows, as opening a store does. */
  public static void migrate(Connection connection, String description) throws SQLException {
    Migrations.run(connection, Dialect.POSTGRES, description);
  }

  /**
   * The database's id secret, drawn and stored now if it has none: every engine of the database
   * then derives its ids from the same one, so ids made from distinct counters never clash.
   */
  public static byte[] ensureSecret(Connection connection) throws SQLException {
    byte[] drawn = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(drawn);
    try (PreparedStatement set = connection.prepareStatement(SET_SECRET)) {
      set.setBytes(1, drawn);
      set.executeUpdate();
    }
    try (PreparedStatement read = connection.prepareStatement(READ_SECRET);
        ResultSet row = read.executeQuery()) {
      byte[] secret = row.next() ? row.getBytes(1) : null;
      if (secret == null) {
        throw new SQLException("engine_meta has no row: the schema is damaged");
      }
      return secret;
    }
  }

  /**
   * The scope of {@code keyId}'s engine: its row of {@code key_engines}, added now with the next
   * ordinal and counters at the start of its ranges if it has none. An ordinal is drawn only when
   * the key has no row, so at most a race between two nodes adding one key wastes one.
   *
   * @throws StoreException if the ordinals are exhausted ({@link KeyScope#MAX_ORDINAL})
   */
  public static KeyScope ensure(Connection connection, String keyId) throws SQLException {
    Optional<Long> ordinal = ordinal(connection, keyId);
    if (ordinal.isEmpty()) {
      long next;
      try (PreparedStatement draw = connection.prepareStatement(NEXT_ORDINAL);
          ResultSet row = draw.executeQuery()) {
        row.next();
        next = row.getLong(1);
      }
      KeyScope scope = new KeyScope(keyId, next);
      try (PreparedStatement add = connection.prepareStatement(ADD)) {
        add.setString(1, keyId);
        add.setLong(2, next);
        add.setLong(3, scope.firstCampaignCounter());
        add.setLong(4, scope.firstCallCounter());
        add.executeUpdate();
      }
      ordinal = ordinal(connection, keyId);
    }
    return new KeyScope(
        keyId,
        ordinal.orElseThrow(
            () -> new SQLException("key " + keyId + "'s key_engines row vanished")));
  }

  private static Optional<Long> ordinal(Connection connection, String keyId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(ORDINAL)) {
      select.setString(1, keyId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Campaigns whose counter lies below every key's range (ordinal 1 up): a single engine's. */
  public static long campaignsBelowKeyRanges(Connection connection) throws SQLException {
    try (PreparedStatement count = connection.prepareStatement(BELOW_KEY_RANGES)) {
      count.setLong(1, 1L << KeyScope.CAMPAIGN_BITS);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
