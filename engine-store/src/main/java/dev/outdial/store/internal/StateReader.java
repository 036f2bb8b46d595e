package dev.outdial.store.internal;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.RetryPolicy;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.store.StoredAttempt;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.engine.store.StoredRecipient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Every read of the store, inside a read transaction its caller holds: of the whole database, or of
 * one key's part of it ({@link KeyScope}).
 */
final class StateReader {
  /** Rows a PostgreSQL cursor brings per round trip (SQLite steps row by row anyway). */
  private static final int FETCH_SIZE = 10_000;

  private static final String CAMPAIGN_COLUMNS =
      "id, counter, key_id, call_base, size, created_s, created_n, created_status, status,"
          + " fires_s, fires_n, canceled_s, canceled_n, agent_id, prompt, name, from_number, zone,"
          + " zone_source, window_zone, window_start_minute, window_end_minute, window_days,"
          + " scheduled_date, invalid, duplicate_indexes, local_hours, expires_s, expires_n,"
          + " retry_on, retry_max_attempts, retry_min_delay_minutes";
  private static final String META =
      "SELECT secret, next_campaign_counter, next_call_counter FROM engine_meta WHERE id = 1";
  private static final String OPEN_CAMPAIGNS =
      "SELECT " + CAMPAIGN_COLUMNS + " FROM campaigns WHERE finished_s IS NULL ORDER BY counter";
  private static final String FINISHED_CAMPAIGNS =
      "SELECT id, counter, key_id, call_base, size, finished_s, finished_n, retry_max_attempts"
          + " FROM campaigns"
          + " WHERE finished_s IS NOT NULL ORDER BY counter";
  private static final String CAMPAIGN =
      "SELECT " + CAMPAIGN_COLUMNS + " FROM campaigns WHERE id = ?";

  // The same for one key's engine (KeyScope): its counters are its key_engines row's.
  private static final String KEY_META =
      "SELECT m.secret, k.next_campaign_counter, k.next_call_counter"
          + " FROM engine_meta m JOIN key_engines k ON k.key_id = ? WHERE m.id = 1";
  private static final String KEY_OPEN_CAMPAIGNS =
      "SELECT "
          + CAMPAIGN_COLUMNS
          + " FROM campaigns WHERE key_id = ? AND finished_s IS NULL ORDER BY counter";
  private static final String KEY_FINISHED_CAMPAIGNS =
      "SELECT id, counter, key_id, call_base, size, finished_s, finished_n, retry_max_attempts"
          + " FROM campaigns"
          + " WHERE key_id = ? AND finished_s IS NOT NULL ORDER BY counter";
  private static final String KEY_CAMPAIGN =
      "SELECT " + CAMPAIGN_COLUMNS + " FROM campaigns WHERE key_id = ? AND id = ?";

  /** Status first: a queued recipient's call columns are all null and not read. */
  private static final String RECIPIENTS =
      "SELECT status, phone, variables, prompt_override, ended_reason, started_s, started_n,"
          + " ended_s, ended_n, detail, reference, attempts FROM recipients"
          + " WHERE call >= ? AND call < ? ORDER BY call";

  private static final String ANSWER =
      "SELECT campaign_id, fingerprint, answer FROM answers"
          + " WHERE key_id = ? AND idempotency_key = ?";

  private final Connection connection;

  /** The key whose engine reads, or null for the single engine of the whole database. */
  private final @Nullable KeyScope key;

  StateReader(Connection connection, @Nullable KeyScope key) {
    this.connection = connection;
    this.key = key;
  }

  StoredEngine engine() throws SQLException {
    byte @Nullable [] secret;
    long nextCampaign;
    long nextCall;
    try (PreparedStatement query = prepare(key == null ? META : KEY_META);
        ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        throw new SQLException(
            key == null
                ? "engine_meta has no row: the schema is damaged"
                : "key " + key.keyId() + " has no key_engines row: its store was not opened");
      }
      secret = row.getBytes(1);
      nextCampaign = row.getLong(2);
      nextCall = row.getLong(3);
    }
    List<StoredCampaign> open = new ArrayList<>();
    for (CampaignRow campaign :
        campaigns(key == null ? OPEN_CAMPAIGNS : KEY_OPEN_CAMPAIGNS, null)) {
      open.add(whole(campaign));
    }
    return new StoredEngine(secret, nextCampaign, nextCall, open, finished());
  }

  Optional<StoredCampaign> campaign(String id) throws SQLException {
    for (CampaignRow campaign : campaigns(key == null ? CAMPAIGN : KEY_CAMPAIGN, id)) {
      return Optional.of(whole(campaign));
    }
    return Optional.empty();
  }

  /** Every call in the attempt log (of the key, if one) that started at or after {@code since}. */
  List<StoredAttempt> attemptsSince(Instant since) throws SQLException {
    return AttemptRows.since(connection, since, key == null ? null : key.keyId());
  }

  /** A statement whose first parameter, if this reader is a key's, is bound to the key. */
  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    if (key != null) {
      statement.setString(1, key.keyId());
    }
    return statement;
  }

  /** The campaign with its recipients and its earlier attempts. */
  private StoredCampaign whole(CampaignRow campaign) throws SQLException {
    return campaign.with(
        recipients(campaign.callBase, campaign.size),
        AttemptRows.earlier(connection, campaign.callBase, campaign.callSpan()));
  }

  /** Every key's suppressed numbers ({@link SuppressionRows}), or only the key's if one. */
  Map<String, Set<String>> suppressed() throws SQLException {
    return key == null
        ? SuppressionRows.all(connection)
        : SuppressionRows.of(connection, key.keyId());
  }

  Optional<StoredAnswer> answer(String keyId, String idempotencyKey) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(ANSWER)) {
      query.setString(1, keyId);
      query.setString(2, idempotencyKey);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredAnswer(
                keyId, idempotencyKey, row.getString(1), row.getBytes(2), row.getBytes(3)));
      }
    }
  }

  private List<StoredEngine.Finished> finished() throws SQLException {
    List<StoredEngine.Finished> finished = new ArrayList<>();
    try (PreparedStatement query =
        prepare(key == null ? FINISHED_CAMPAIGNS : KEY_FINISHED_CAMPAIGNS)) {
      query.setFetchSize(FETCH_SIZE);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          int size = row.getInt(5);
          int maxAttempts = row.getInt(8);
          long callSpan = (long) size * (row.wasNull() ? 1 : maxAttempts);
          finished.add(
              new StoredEngine.Finished(
                  row.getString(1),
                  row.getLong(2),
                  row.getString(3),
                  row.getLong(4),
                  callSpan,
                  Objects.requireNonNull(Columns.instant(row, 6))));
        }
      }
    }
    return finished;
  }

  /** A campaign row read, waiting for its recipients and earlier attempts. */
  private record CampaignRow(
      long callBase,
      int size,
      @Nullable RetryPolicy retry,
      BiFunction<List<StoredRecipient>, List<StoredAttempt>, StoredCampaign> campaign) {
    /** As {@link StoredCampaign#callSpan()}. */
    long callSpan() {
      return (long) size * (retry == null ? 1 : retry.maxAttempts());
    }

    StoredCampaign with(List<StoredRecipient> recipients, List<StoredAttempt> earlier) {
      return campaign.apply(recipients, earlier);
    }
  }

  private List<CampaignRow> campaigns(String sql, @Nullable String id) throws SQLException {
    List<CampaignRow> campaigns = new ArrayList<>();
    try (PreparedStatement query = prepare(sql)) {
      if (id != null) {
        query.setString(key == null ? 1 : 2, id);
      }
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          campaigns.add(campaignRow(row));
        }
      }
    }
    return campaigns;
  }

  private static CampaignRow campaignRow(ResultSet row) throws SQLException {
    String id = row.getString(1);
    long counter = row.getLong(2);
    String keyId = row.getString(3);
    long callBase = row.getLong(4);
    int size = row.getInt(5);
    Instant createdAt = Objects.requireNonNull(Columns.instant(row, 6));
    var createdStatus = Columns.campaignStatus(row.getString(8));
    var status = Columns.campaignStatus(row.getString(9));
    Instant firesAt = Columns.instant(row, 10);
    Instant canceledAt = Columns.instant(row, 12);
    String agentId = row.getString(14);
    String prompt = row.getString(15);
    String name = row.getString(16);
    String fromNumber = row.getString(17);
    ZoneId zone = ZoneId.of(row.getString(18));
    var zoneSource = Columns.zoneSource(row.getString(19));
    String windowZone = row.getString(20);
    CallingWindow window =
        windowZone == null
            ? null
            : CallingWindow.of(
                ZoneId.of(windowZone),
                row.getInt(21),
                row.getInt(22),
                Columns.days(row.getString(23)));
    String date = row.getString(24);
    LocalDate scheduledDate = date == null ? null : LocalDate.parse(date);
    var invalid = Columns.invalid(row.getString(25));
    var duplicates = Columns.indexes(row.getString(26));
    String localHours = row.getString(27);
    LocalHoursPolicy policy =
        localHours == null
            ? null
            : LocalHoursPolicy.fromWire(localHours)
                .orElseThrow(
                    () ->
                        new StoreException(
                            "campaign " + id + " has local_hours '" + localHours + "', unknown"));
    Instant expiresAt = Columns.instant(row, 28);
    RetryPolicy retry = retry(id, row);
    return new CampaignRow(
        callBase,
        size,
        retry,
        (recipients, earlier) ->
            new StoredCampaign(
                id,
                counter,
                keyId,
                callBase,
                createdAt,
                createdStatus,
                status,
                firesAt,
                canceledAt,
                agentId,
                prompt,
                name,
                fromNumber,
                zone,
                zoneSource,
                window,
                scheduledDate,
                invalid,
                duplicates,
                recipients,
                policy,
                expiresAt,
                retry,
                earlier));
  }

  /** Columns 30 to 32: the retry policy, all null for none. */
  private static @Nullable RetryPolicy retry(String id, ResultSet row) throws SQLException {
    String on = row.getString(30);
    if (on == null) {
      return null;
    }
    try {
      return new RetryPolicy(
          Columns.reasons(on), row.getInt(31), Duration.ofMinutes(row.getInt(32)));
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "campaign "
              + id
              + " has a retry policy "
              + on
              + ", "
              + row.getInt(31)
              + " attempts, "
              + row.getInt(32)
              + " minutes apart, that is not valid: "
              + e.getMessage(),
          e);
    }
  }

  private List<StoredRecipient> recipients(long callBase, int size) throws SQLException {
    List<StoredRecipient> recipients = new ArrayList<>(size);
    try (PreparedStatement query = connection.prepareStatement(RECIPIENTS)) {
      query.setFetchSize(FETCH_SIZE);
      query.setLong(1, callBase);
      query.setLong(2, callBase + size);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          CallStatus status = Columns.callStatus(row.getString(1));
          String phone = row.getString(2);
          Map<String, String> variables = Columns.variables(row.getString(3));
          String promptOverride = row.getString(4);
          int attempts = row.getInt(12);
          recipients.add(
              status == CallStatus.QUEUED
                  ? new StoredRecipient(
                      phone,
                      variables,
                      promptOverride,
                      status,
                      null,
                      null,
                      null,
                      null,
                      null,
                      attempts)
                  : new StoredRecipient(
                      phone,
                      variables,
                      promptOverride,
                      status,
                      Columns.endedReason(row.getString(5)),
                      Columns.instant(row, 6),
                      Columns.instant(row, 8),
                      row.getString(10),
                      row.getString(11),
                      attempts));
        }
      }
    }
    return Collections.unmodifiableList(recipients);
  }
}
