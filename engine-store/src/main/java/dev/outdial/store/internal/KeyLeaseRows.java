package dev.outdial.store.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of key leases on PostgreSQL (tables {@code key_leases} and {@code cluster_nodes},
 * migration V7), each method one or two statements on a connection inside a transaction the caller
 * holds. Every instant is the database's ({@code clock_timestamp()}); a node sends only durations.
 *
 * <p>Row locks are always taken in key order (renewal, release, the in-transaction check), so a
 * node's renewal and its own commits can wait for each other but never deadlock; claims lock with
 * {@code SKIP LOCKED} and so never wait at all.
 */
public final class KeyLeaseRows {
  /** A lease row as read or written: its owner is null once released or never claimed. */
  public record Row(
      String keyId,
      @Nullable String owner,
      long token,
      @Nullable Instant expiresAt,
      boolean live) {}

  /** How many keys there are, how many nodes are live besides the caller, how many it holds. */
  public record Census(long keys, long otherLiveNodes, long held) {}

  private static final String LEASE_END = "clock_timestamp() + ? * INTERVAL '1 millisecond'";

  // A row of a live node is left alone: no row comes back, and the caller refuses the id.
  private static final String NODE_REGISTER =
      "INSERT INTO cluster_nodes AS n (node_id, started_at, heartbeat_at, expires_at)"
          + " VALUES (?, clock_timestamp(), clock_timestamp(), "
          + LEASE_END
          + ") ON CONFLICT (node_id) DO UPDATE SET started_at = EXCLUDED.started_at,"
          + " heartbeat_at = EXCLUDED.heartbeat_at, expires_at = EXCLUDED.expires_at"
          + " WHERE n.expires_at <= clock_timestamp() RETURNING node_id";

  private static final String NODE_EXPIRY =
      "SELECT expires_at FROM cluster_nodes WHERE node_id = ?";

  private static final String NODE_HEARTBEAT =
      "INSERT INTO cluster_nodes AS n (node_id, started_at, heartbeat_at, expires_at)"
          + " VALUES (?, clock_timestamp(), clock_timestamp(), "
          + LEASE_END
          + ") ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at,"
          + " expires_at = EXCLUDED.expires_at";

  private static final String NODE_DELETE = "DELETE FROM cluster_nodes WHERE node_id = ?";

  private static final String ADD =
      "INSERT INTO key_leases (key_id) SELECT unnest(?::text[]) ON CONFLICT (key_id) DO NOTHING";

  private static final String CENSUS =
      "SELECT (SELECT count(*) FROM key_leases),"
          + " (SELECT count(*) FROM cluster_nodes"
          + "   WHERE node_id <> ? AND expires_at > clock_timestamp()),"
          + " (SELECT count(*) FROM key_leases"
          + "   WHERE owner_node = ? AND expires_at > clock_timestamp())";

  // A CTE with a locking clause runs once, so LIMIT bounds the rows picked; SKIP LOCKED passes over
  // rows another claim, renewal or in-flight commit holds, and re-checks the rest at their newest
  // version, so a row claimed meanwhile is not picked again.
  private static final String CLAIM =
      "WITH picked AS (SELECT key_id FROM key_leases"
          + "   WHERE owner_node IS NULL OR expires_at <= clock_timestamp()"
          + "   ORDER BY key_id LIMIT ? FOR UPDATE SKIP LOCKED)"
          + " UPDATE key_leases l SET owner_node = ?, token = l.token + 1,"
          + " claimed_at = clock_timestamp(), expires_at = "
          + LEASE_END
          + " FROM picked WHERE l.key_id = picked.key_id"
          + " RETURNING l.key_id, l.owner_node, l.token, l.expires_at, TRUE";

  // The owner's rows, expired ones included: a lease nobody claimed since still has this node's
  // token, so nobody else can have written under it, and renewing it is safe.
  private static final String RENEW =
      "UPDATE key_leases l SET expires_at = "
          + LEASE_END
          + " FROM (SELECT key_id FROM key_leases WHERE owner_node = ?"
          + "   ORDER BY key_id FOR UPDATE) mine"
          + " WHERE l.key_id = mine.key_id"
          + " RETURNING l.key_id, l.owner_node, l.token, l.expires_at, TRUE";

  // The token stays: the next claim raises it.
  private static final String RELEASE =
      "UPDATE key_leases l SET owner_node = NULL, expires_at = clock_timestamp()"
          + " FROM (SELECT key_id FROM key_leases WHERE owner_node = ?"
          + "   ORDER BY key_id FOR UPDATE) mine"
          + " WHERE l.key_id = mine.key_id";

  private static final String RELEASE_ONE =
      "UPDATE key_leases SET owner_node = NULL, expires_at = clock_timestamp()"
          + " WHERE key_id = ? AND owner_node = ?";

  private static final String HELD =
      "SELECT key_id, owner_node, token, expires_at, TRUE FROM key_leases"
          + " WHERE owner_node = ? AND expires_at > clock_timestamp() ORDER BY key_id";

  // FOR SHARE, not FOR KEY SHARE: it must conflict with the plain UPDATE of a claim, renewal or
  // release, so none of them changes the row before this transaction ends.
  private static final String LOCK_FOR_CHECK =
      "SELECT key_id, owner_node, token, expires_at,"
          + " COALESCE(expires_at > clock_timestamp(), FALSE) FROM key_leases"
          + " WHERE key_id = ANY(?::text[]) ORDER BY key_id FOR SHARE";

  private KeyLeaseRows() {}

  /** Schema migration, as the store does at open: the lease tables are migration V7. */
  public static void migrate(Connection connection, String description) throws SQLException {
    Migrations.run(connection, Dialect.POSTGRES, description);
  }

  /**
   * Registers {@code node}, live for {@code lease} from now, unless a live node has that id.
   *
   * @return false if a live node has the id (nothing was changed)
   */
  public static boolean register(Connection connection, String node, Duration lease)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(NODE_REGISTER)) {
      insert.setString(1, node);
      insert.setLong(2, lease.toMillis());
      try (ResultSet row = insert.executeQuery()) {
        return row.next();
      }
    }
  }

  /** When {@code node}'s registration ends, by the database's clock, if it has one. */
  public static Optional<Instant> nodeExpiry(Connection connection, String node)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(NODE_EXPIRY)) {
      select.setString(1, node);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(instant(row, 1)) : Optional.empty();
      }
    }
  }

  /** Records {@code node}'s heartbeat: live for {@code lease} from now. */
  public static void heartbeat(Connection connection, String node, Duration lease)
      throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(NODE_HEARTBEAT)) {
      upsert.setString(1, node);
      upsert.setLong(2, lease.toMillis());
      upsert.executeUpdate();
    }
  }

  /** Removes {@code node}: it no longer counts among the live nodes. */
  public static void forget(Connection connection, String node) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(NODE_DELETE)) {
      delete.setString(1, node);
      delete.executeUpdate();
    }
  }

  /** Adds free lease rows for the keys that have none; returns how many were added. */
  public static int add(Connection connection, SortedSet<String> keys) throws SQLException {
    // In key order, so two nodes adding overlapping keys wait on each other's rows in one order.
    try (PreparedStatement insert = connection.prepareStatement(ADD)) {
      insert.setArray(1, textArray(connection, keys));
      return insert.executeUpdate();
    }
  }

  /** What a claim needs to keep to {@code node}'s fair share, read without locks. */
  public static Census census(Connection connection, String node) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(CENSUS)) {
      select.setString(1, node);
      select.setString(2, node);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return new Census(row.getLong(1), row.getLong(2), row.getLong(3));
      }
    }
  }

  /** Claims up to {@code limit} free or expired keys for {@code node}, raising their tokens. */
  public static List<Row> claim(Connection connection, String node, int limit, Duration lease)
      throws SQLException {
    try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
      claim.setInt(1, limit);
      claim.setString(2, node);
      claim.setLong(3, lease.toMillis());
      return rows(claim);
    }
  }

  /** Extends every lease {@code node} owns by {@code lease} from now; returns them. */
  public static List<Row> renew(Connection connection, String node, Duration lease)
      throws SQLException {
    try (PreparedStatement renew = connection.prepareStatement(RENEW)) {
      renew.setLong(1, lease.toMillis());
      renew.setString(2, node);
      return rows(renew);
    }
  }

  /** Frees every lease {@code node} owns at once; returns how many. */
  public static int release(Connection connection, String node) throws SQLException {
    try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
      release.setString(1, node);
      return release.executeUpdate();
    }
  }

  /** Frees {@code keyId} if {@code node} owns it; whether it did. */
  public static boolean release(Connection connection, String node, String keyId)
      throws SQLException {
    try (PreparedStatement release = connection.prepareStatement(RELEASE_ONE)) {
      release.setString(1, keyId);
      release.setString(2, node);
      return release.executeUpdate() == 1;
    }
  }

  /** The unexpired leases {@code node} owns, in key order. */
  public static List<Row> held(Connection connection, String node) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(HELD)) {
      select.setString(1, node);
      return rows(select);
    }
  }

  /**
   * The lease rows of {@code keys}, share-locked in key order until the caller's transaction ends;
   * a key without a row is absent.
   */
  public static List<Row> lockForCheck(Connection connection, SortedSet<String> keys)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(LOCK_FOR_CHECK)) {
      select.setArray(1, textArray(connection, keys));
      return rows(select);
    }
  }

  private static Array textArray(Connection connection, SortedSet<String> keys)
      throws SQLException {
    return connection.createArrayOf("text", keys.toArray());
  }

  private static List<Row> rows(PreparedStatement statement) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        rows.add(
            new Row(
                row.getString(1),
                row.getString(2),
                row.getLong(3),
                row.getObject(4) == null ? null : instant(row, 4),
                row.getBoolean(5)));
      }
    }
    rows.sort(Comparator.comparing(Row::keyId)); // RETURNING has no order
    return rows;
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }
}
