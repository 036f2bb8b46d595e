package dev.outdial.store.internal;

import dev.outdial.engine.store.StoredAttempt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reads of the attempt log (table {@code attempts}, migration V6), on a connection whose
 * transaction the caller holds; its writes are {@link ChangeWriter}'s. Rows come in call-counter
 * order, as the testkit's {@code MemoryStore} gives them.
 */
final class AttemptRows {
  /** Rows a PostgreSQL cursor brings per round trip. */
  private static final int FETCH_SIZE = 10_000;

  private static final String COLUMNS =
      "a.key_id, a.phone, a.campaign_id, a.idx, a.attempt, a.started_s, a.started_n, a.ended_s,"
          + " a.ended_n, a.ended_reason, a.detail";

  /** At or after an instant bound as (second, second, nano): the index finds the seconds. */
  private static final String SINCE =
      "SELECT "
          + COLUMNS
          + " FROM attempts a WHERE a.started_s >= ? AND (a.started_s > ? OR a.started_n >= ?)"
          + " ORDER BY a.call";

  /** {@link #SINCE} of one key's calls. */
  private static final String KEY_SINCE =
      "SELECT "
          + COLUMNS
          + " FROM attempts a WHERE a.started_s >= ? AND (a.started_s > ? OR a.started_n >= ?)"
          + " AND a.key_id = ? ORDER BY a.call";

  /**
   * A campaign's calls (its range of call counters) but each recipient's latest one: the call of
   * its recipient's {@code attempts} while that recipient has a start. A recipient without one has
   * no latest call: it is queued (its calls all ended and were tried again, or it has had none), or
   * it ended without a call while it waited for its next attempt (canceled, expired, suppressed).
   */
  private static final String EARLIER =
      "SELECT "
          + COLUMNS
          + " FROM attempts a JOIN recipients r ON r.call = ? + a.idx"
          + " WHERE a.call >= ? AND a.call < ? AND (r.started_s IS NULL OR a.attempt <> r.attempts)"
          + " ORDER BY a.call";

  private AttemptRows() {}

  /**
   * Every call that started at or after {@code since}, of any campaign (of {@code keyId}'s only,
   * unless null), dropped ones included.
   */
  static List<StoredAttempt> since(Connection connection, Instant since, @Nullable String keyId)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(keyId == null ? SINCE : KEY_SINCE)) {
      query.setFetchSize(FETCH_SIZE);
      query.setLong(1, since.getEpochSecond());
      query.setLong(2, since.getEpochSecond());
      query.setInt(3, since.getNano());
      if (keyId != null) {
        query.setString(4, keyId);
      }
      return read(query);
    }
  }

  /**
   * The earlier attempts of the campaign whose call counters start at {@code callBase} and span
   * {@code callSpan}.
   */
  static List<StoredAttempt> earlier(Connection connection, long callBase, long callSpan)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(EARLIER)) {
      query.setLong(1, callBase);
      query.setLong(2, callBase);
      query.setLong(3, callBase + callSpan);
      return read(query);
    }
  }

  private static List<StoredAttempt> read(PreparedStatement query) throws SQLException {
    List<StoredAttempt> attempts = new ArrayList<>();
    try (ResultSet row = query.executeQuery()) {
      while (row.next()) {
        attempts.add(
            new StoredAttempt(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getInt(4),
                row.getInt(5),
                Objects.requireNonNull(Columns.instant(row, 6)),
                Columns.instant(row, 8),
                Columns.endedReason(row.getString(10)),
                row.getString(11)));
      }
    }
    return attempts;
  }
}
