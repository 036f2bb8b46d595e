package dev.outdial.store.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The SQL of the request relay on PostgreSQL (table {@code relay_requests}, migration V9), each
 * method one or two statements on a connection inside a transaction the caller holds. Every instant
 * is the database's ({@code clock_timestamp()}); a node sends only durations.
 */
public final class RelayRows {
  /** The channel a submit notifies, with the request's key id as payload. */
  public static final String REQUESTS_CHANNEL = "outdial_requests";

  /** The channel an answer notifies, with the request's id as payload. */
  public static final String ANSWERS_CHANNEL = "outdial_answers";

  /** A request as taken by its key's owner. */
  public record Taken(long id, String keyId, byte[] request) {}

  private static final String INSERT =
      "INSERT INTO relay_requests (key_id, request) VALUES (?, ?) RETURNING id";

  private static final String NOTIFY = "SELECT pg_notify(?, ?)";

  // A CTE with a locking clause runs once, so LIMIT bounds the rows picked; SKIP LOCKED passes over
  // rows another take (or a withdraw) holds, and re-checks the rest at their newest version, so a
  // row this node took meanwhile is not picked twice. A row another node took is picked: that node
  // lost the key, or it would not be ours.
  private static final String TAKE =
      "WITH picked AS (SELECT id FROM relay_requests"
          + "   WHERE key_id = ANY(?::text[]) AND answered_at IS NULL"
          + "   AND taken_by IS DISTINCT FROM ?"
          + "   ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)"
          + " UPDATE relay_requests r SET taken_by = ?, taken_at = clock_timestamp()"
          + " FROM picked WHERE r.id = picked.id"
          + " RETURNING r.id, r.key_id, r.request";

  private static final String ANSWER =
      "UPDATE relay_requests SET answer = ?, answered_at = clock_timestamp()"
          + " WHERE id = ? AND answered_at IS NULL";

  private static final String COLLECT =
      "DELETE FROM relay_requests WHERE id = ? AND answered_at IS NOT NULL RETURNING answer";

  private static final String EXISTS = "SELECT 1 FROM relay_requests WHERE id = ?";

  // A take holds the row's lock until it commits; the delete waits for it, then sees taken_by set.
  private static final String WITHDRAW =
      "DELETE FROM relay_requests WHERE id = ? AND taken_by IS NULL";

  private static final String ABANDON = "DELETE FROM relay_requests WHERE id = ?";

  private static final String PUT_BACK =
      "UPDATE relay_requests SET taken_by = NULL, taken_at = NULL"
          + " WHERE id = ? AND taken_by = ? AND answer IS NULL";

  private static final String PURGE =
      "DELETE FROM relay_requests WHERE answered_at < clock_timestamp() - ? * INTERVAL '1"
          + " millisecond' OR (answered_at IS NULL AND submitted_at < clock_timestamp() - ? *"
          + " INTERVAL '1 millisecond')";

  private RelayRows() {}

  /** Schema migration, as the store does at open: the relay's table is migration V9. */
  public static void migrate(Connection connection, String description) throws SQLException {
    Migrations.run(connection, Dialect.POSTGRES, description);
  }

  /** Adds an unanswered request for {@code keyId}; returns its id. */
  public static long insert(Connection connection, String keyId, byte[] request)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, keyId);
      insert.setBytes(2, request);
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** Notifies {@code channel} with {@code payload} when the caller's transaction commits. */
  public static void notify(Connection connection, String channel, String payload)
      throws SQLException {
    try (PreparedStatement notify = connection.prepareStatement(NOTIFY)) {
      notify.setString(1, channel);
      notify.setString(2, payload);
      notify.executeQuery().close();
    }
  }

  /**
   * Marks up to {@code limit} unanswered requests of {@code keys} that {@code node} has not taken
   * as taken by it, oldest first, skipping rows locked by another transaction.
   */
  public static List<Taken> take(
      Connection connection, String node, SortedSet<String> keys, int limit) throws SQLException {
    try (PreparedStatement take = connection.prepareStatement(TAKE)) {
      Array keyArray = connection.createArrayOf("text", keys.toArray());
      take.setArray(1, keyArray);
      take.setString(2, node);
      take.setInt(3, limit);
      take.setString(4, node);
      List<Taken> taken = new ArrayList<>();
      try (ResultSet row = take.executeQuery()) {
        while (row.next()) {
          taken.add(new Taken(row.getLong(1), row.getString(2), row.getBytes(3)));
        }
      }
      taken.sort(Comparator.comparingLong(Taken::id)); // RETURNING has no order
      return taken;
    }
  }

  /** Stores {@code answer} unless the request has one or is gone; true if it was stored. */
  public static boolean answer(Connection connection, long id, byte[] answer) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(ANSWER)) {
      update.setBytes(1, answer);
      update.setLong(2, id);
      return update.executeUpdate() == 1;
    }
  }

  /** Deletes the request if answered and returns its answer; empty if unanswered or gone. */
  public static Optional<byte[]> collect(Connection connection, long id) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(COLLECT)) {
      delete.setLong(1, id);
      try (ResultSet row = delete.executeQuery()) {
        return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
      }
    }
  }

  /** Whether the request {@code id} is still in the table. */
  public static boolean exists(Connection connection, long id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(EXISTS)) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** Deletes the request if no node has taken it; true if it was deleted. */
  public static boolean withdraw(Connection connection, long id) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(WITHDRAW)) {
      delete.setLong(1, id);
      return delete.executeUpdate() == 1;
    }
  }

  /** Deletes request {@code id} whatever its state; whether it was there. */
  public static boolean abandon(Connection connection, long id) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(ABANDON)) {
      delete.setLong(1, id);
      return delete.executeUpdate() == 1;
    }
  }

  /** Makes request {@code id}, taken by {@code node} and unanswered, takeable again. */
  public static boolean putBack(Connection connection, long id, String node) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(PUT_BACK)) {
      update.setLong(1, id);
      update.setString(2, node);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Deletes requests answered more than {@code answered} ago and unanswered ones submitted more
   * than {@code unanswered} ago; returns how many.
   */
  public static int purge(Connection connection, Duration answered, Duration unanswered)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(PURGE)) {
      delete.setLong(1, answered.toMillis());
      delete.setLong(2, unanswered.toMillis());
      return delete.executeUpdate();
    }
  }
}
