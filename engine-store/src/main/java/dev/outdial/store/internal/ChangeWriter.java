package dev.outdial.store.internal;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.RetryPolicy;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredRecipient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every write of the store: applies changes, in order, inside a transaction its caller holds.
 *
 * <p>Each change is written so that applying it again leaves the same state: a create inserts only
 * a campaign that is not there yet and raises the counters to at least its own; a call's end skips
 * a call already ended (an ended call is final); a requeue, an end for retry and a placed reference
 * touch only a call in progress; a call's start writes its attempt-log row whole again; the other
 * updates set the same values again. A change naming a campaign or recipient no longer there
 * changes nothing (a retried batch may name a campaign it then drops). The result is the testkit's
 * {@code MemoryStore}'s, change for change.
 *
 * <p>A key's engine in a cluster ({@link KeyScope}) raises its key's counters instead of the
 * database's, forgets only its key's attempt-log rows, and creates only campaigns of its key within
 * its counter ranges.
 *
 * <p>Runs of consecutive changes of one kind (calls starting, calls ending…) go to the database as
 * JDBC batches, one per statement the kind needs (a call's start: its recipient, then its
 * attempt-log row); order between kinds is kept by sending a run before the next kind's change.
 * Within a run, each statement's batch goes whole before the next statement's: every statement
 * reads only what the earlier ones of its run do not change, or is guarded so that a second change
 * to the same recipient in the run does nothing (an attempt is ended only while it is open).
 */
final class ChangeWriter implements AutoCloseable {
  private static final int RECIPIENT_BATCH = 5_000;

  /** The recipient (campaign id, index): its call counter, checked against its index. */
  private static final String RECIPIENT =
      " WHERE call = (SELECT call_base FROM campaigns WHERE id = ?) + ? AND idx = ?";

  /**
   * The attempt-log key of the latest call of the recipient (campaign id, index) if that recipient
   * is in the status bound last (its index, index, campaign id, status bound in that order).
   */
  private static final String LATEST_CALL =
      "(SELECT c.call_base + CAST(r.attempts - 1 AS BIGINT) * c.size + r.idx"
          + " FROM campaigns c JOIN recipients r ON r.call = c.call_base + ? AND r.idx = ?"
          + " WHERE c.id = ? AND r.status = ?)";

  /** Every recipient of the campaign with that id: its range of call counters. */
  private static final String RECIPIENTS_OF =
      " WHERE call >= (SELECT call_base FROM campaigns WHERE id = ?)"
          + " AND call < (SELECT call_base + size FROM campaigns WHERE id = ?)";

  private enum Kind {
    INSERT_CAMPAIGN(
        "INSERT INTO campaigns (id, counter, key_id, call_base, size, created_s, created_n,"
            + " created_status, status, fires_s, fires_n, canceled_s, canceled_n, agent_id,"
            + " prompt, name, from_number, zone, zone_source, window_zone, window_start_minute,"
            + " window_end_minute, window_days, scheduled_date, invalid, duplicate_indexes,"
            + " local_hours, expires_s, expires_n, retry_on, retry_max_attempts,"
            + " retry_min_delay_minutes)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING"),
    INSERT_RECIPIENT(
        "INSERT INTO recipients (call, campaign, idx, phone, variables, prompt_override, status,"
            + " ended_reason, started_s, started_n, ended_s, ended_n, detail, reference, attempts)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    INSERT_ANSWER(
        "INSERT INTO answers (key_id, idempotency_key, campaign_id, fingerprint, answer)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_id, idempotency_key) DO NOTHING"),
    RAISE_COUNTERS(
        "UPDATE engine_meta SET next_campaign_counter = %1$s(next_campaign_counter, ?),"
            + " next_call_counter = %1$s(next_call_counter, ?) WHERE id = 1"),
    RAISE_KEY_COUNTERS(
        "UPDATE key_engines SET next_campaign_counter = %1$s(next_campaign_counter, ?),"
            + " next_call_counter = %1$s(next_call_counter, ?) WHERE key_id = ?"),
    SET_SECRET("UPDATE engine_meta SET secret = ? WHERE id = 1 AND secret IS NULL"),
    READ_SECRET("SELECT secret FROM engine_meta WHERE id = 1"),
    STATUS("UPDATE campaigns SET status = ? WHERE id = ?"),
    CANCEL_CAMPAIGN("UPDATE campaigns SET status = ?, canceled_s = ?, canceled_n = ? WHERE id = ?"),
    CANCEL_QUEUED(
        "UPDATE recipients SET status = ?, ended_reason = ?, ended_s = ?, ended_n = ?"
            + RECIPIENTS_OF
            + " AND status = ?"),
    EXPIRE_QUEUED(
        "UPDATE recipients SET status = ?, ended_reason = ?, ended_s = ?, ended_n = ?"
            + RECIPIENTS_OF
            + " AND status = ?"),
    CALL_STARTED(
        "UPDATE recipients SET status = ?, ended_reason = NULL, started_s = ?, started_n = ?,"
            + " ended_s = NULL, ended_n = NULL, detail = NULL, reference = NULL, attempts = ?"
            + RECIPIENT),
    /** Put again whole, as a map put: a start applied again opens its attempt again. */
    LOG_ATTEMPT(
        "INSERT INTO attempts (call, campaign, campaign_id, idx, attempt, key_id, phone,"
            + " started_s, started_n, ended_s, ended_n, ended_reason, detail)"
            + " SELECT c.call_base + CAST(? - 1 AS BIGINT) * c.size + r.idx, c.counter, c.id,"
            + " r.idx, ?, c.key_id, r.phone, ?, ?, NULL, NULL, NULL, NULL"
            + " FROM campaigns c JOIN recipients r ON r.call = c.call_base + ? AND r.idx = ?"
            + " WHERE c.id = ?"
            + " ON CONFLICT (call) DO UPDATE SET campaign = excluded.campaign,"
            + " campaign_id = excluded.campaign_id, idx = excluded.idx,"
            + " attempt = excluded.attempt, key_id = excluded.key_id, phone = excluded.phone,"
            + " started_s = excluded.started_s, started_n = excluded.started_n, ended_s = NULL,"
            + " ended_n = NULL, ended_reason = NULL, detail = NULL"),
    CALL_PLACED("UPDATE recipients SET reference = ?" + RECIPIENT + " AND status = ?"),
    UNLOG_ATTEMPT("DELETE FROM attempts WHERE call = " + LATEST_CALL),
    CALL_REQUEUED(
        "UPDATE recipients SET status = ?, ended_reason = NULL, started_s = NULL,"
            + " started_n = NULL, ended_s = NULL, ended_n = NULL, detail = NULL, reference = NULL,"
            + " attempts = %1$s(attempts - 1, 0)"
            + RECIPIENT
            + " AND status = ?"),
    END_ATTEMPT(
        "UPDATE attempts SET ended_s = ?, ended_n = ?, ended_reason = ?, detail = ?"
            + " WHERE ended_s IS NULL AND call = "
            + LATEST_CALL),
    CALL_ENDED(
        "UPDATE recipients SET status = ?, ended_reason = ?, detail = ?, ended_s = ?, ended_n = ?"
            + RECIPIENT
            + " AND status <> ?"),
    CALL_ENDED_FOR_RETRY(
        "UPDATE recipients SET status = ?, ended_reason = NULL, started_s = NULL,"
            + " started_n = NULL, ended_s = NULL, ended_n = NULL, detail = NULL, reference = NULL"
            + RECIPIENT
            + " AND status = ?"),
    /** Started before the instant bound (second, second, nano), of a campaign no longer kept. */
    FORGET_ATTEMPTS(
        "DELETE FROM attempts WHERE started_s <= ? AND (started_s < ? OR started_n < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = attempts.campaign_id)"),
    FORGET_KEY_ATTEMPTS(
        "DELETE FROM attempts WHERE started_s <= ? AND (started_s < ? OR started_n < ?)"
            + " AND key_id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = attempts.campaign_id)"),
    FINISHED(
        "UPDATE campaigns SET finished_s = ?, finished_n = ? WHERE id = ? AND finished_s IS NULL"),
    DROP_ANSWERS("DELETE FROM answers WHERE campaign_id = ?"),
    DROP_RECIPIENTS("DELETE FROM recipients" + RECIPIENTS_OF),
    DROP_CAMPAIGN("DELETE FROM campaigns WHERE id = ?");

    final String sql;

    Kind(String sql) {
      this.sql = sql;
    }
  }

  /** The statements of each batched run, in the order their batches are sent. */
  private static final List<Kind> STARTED = List.of(Kind.CALL_STARTED, Kind.LOG_ATTEMPT);

  private static final List<Kind> REQUEUED = List.of(Kind.UNLOG_ATTEMPT, Kind.CALL_REQUEUED);
  private static final List<Kind> ENDED = List.of(Kind.END_ATTEMPT, Kind.CALL_ENDED);
  private static final List<Kind> ENDED_FOR_RETRY =
      List.of(Kind.END_ATTEMPT, Kind.CALL_ENDED_FOR_RETRY);

  private final Connection connection;
  private final Dialect dialect;

  /** The key whose engine writes, or null for the single engine of the whole database. */
  private final @Nullable KeyScope key;

  private final Map<Kind, PreparedStatement> statements = new EnumMap<>(Kind.class);
  private List<Kind> pending = List.of();
  private int pendingCount;

  ChangeWriter(Connection connection, Dialect dialect, @Nullable KeyScope key) {
    this.connection = connection;
    this.dialect = dialect;
    this.key = key;
  }

  void apply(List<StoreChange> changes) throws SQLException {
    for (StoreChange change : changes) {
      apply(change);
    }
    flush();
  }

  private void apply(StoreChange change) throws SQLException {
    if (change instanceof StoreChange.Secret secret) {
      flush();
      secret(secret.secret());
    } else if (change instanceof StoreChange.Created created) {
      flush();
      created(created.campaign(), created.answer());
    } else if (change instanceof StoreChange.Status status) {
      PreparedStatement update = batched(Kind.STATUS);
      update.setString(1, status.status().wire());
      update.setString(2, status.campaignId());
      add(update);
    } else if (change instanceof StoreChange.Canceled canceled) {
      flush();
      canceled(canceled);
    } else if (change instanceof StoreChange.Expired expired) {
      flush();
      expired(expired);
    } else if (change instanceof StoreChange.CallStarted started) {
      callStarted(started);
    } else if (change instanceof StoreChange.CallPlaced placed) {
      PreparedStatement update = batched(Kind.CALL_PLACED);
      update.setString(1, placed.reference());
      recipient(update, 2, placed.campaignId(), placed.index());
      update.setString(5, CallStatus.IN_PROGRESS.wire());
      add(update);
    } else if (change instanceof StoreChange.CallRequeued requeued) {
      callRequeued(requeued);
    } else if (change instanceof StoreChange.CallEnded ended) {
      List<PreparedStatement> run = batched(ENDED);
      endAttempt(
          run.get(0),
          ended.campaignId(),
          ended.index(),
          ended.reason(),
          ended.detail(),
          ended.at());
      PreparedStatement update = run.get(1);
      update.setString(1, CallStatus.ENDED.wire());
      update.setString(2, ended.reason().wire());
      Columns.setNullableString(update, 3, ended.detail());
      Columns.setInstant(update, 4, ended.at());
      recipient(update, 6, ended.campaignId(), ended.index());
      update.setString(9, CallStatus.ENDED.wire());
      add(run);
    } else if (change instanceof StoreChange.CallEndedForRetry ended) {
      List<PreparedStatement> run = batched(ENDED_FOR_RETRY);
      endAttempt(
          run.get(0),
          ended.campaignId(),
          ended.index(),
          ended.reason(),
          ended.detail(),
          ended.at());
      PreparedStatement update = run.get(1);
      update.setString(1, CallStatus.QUEUED.wire());
      recipient(update, 2, ended.campaignId(), ended.index());
      update.setString(5, CallStatus.IN_PROGRESS.wire());
      add(run);
    } else if (change instanceof StoreChange.AttemptsForgotten forgotten) {
      PreparedStatement delete =
          batched(key == null ? Kind.FORGET_ATTEMPTS : Kind.FORGET_KEY_ATTEMPTS);
      delete.setLong(1, forgotten.before().getEpochSecond());
      delete.setLong(2, forgotten.before().getEpochSecond());
      delete.setInt(3, forgotten.before().getNano());
      if (key != null) {
        delete.setString(4, key.keyId());
      }
      add(delete);
    } else if (change instanceof StoreChange.Finished finished) {
      PreparedStatement update = batched(Kind.FINISHED);
      Columns.setInstant(update, 1, finished.at());
      update.setString(3, finished.campaignId());
      add(update);
    } else if (change instanceof StoreChange.Dropped dropped) {
      flush();
      dropped(dropped.campaignId());
    } else {
      throw new IllegalArgumentException("unknown change " + change.getClass().getName());
    }
  }

  private void callStarted(StoreChange.CallStarted started) throws SQLException {
    List<PreparedStatement> run = batched(STARTED);
    PreparedStatement update = run.get(0);
    update.setString(1, CallStatus.IN_PROGRESS.wire());
    Columns.setInstant(update, 2, started.at());
    update.setInt(4, started.attempt());
    recipient(update, 5, started.campaignId(), started.index());
    PreparedStatement log = run.get(1);
    log.setInt(1, started.attempt());
    log.setInt(2, started.attempt());
    Columns.setInstant(log, 3, started.at());
    log.setInt(5, started.index());
    log.setInt(6, started.index());
    log.setString(7, started.campaignId());
    add(run);
  }

  private void callRequeued(StoreChange.CallRequeued requeued) throws SQLException {
    List<PreparedStatement> run = batched(REQUEUED);
    latestCall(run.get(0), 1, requeued.campaignId(), requeued.index());
    PreparedStatement update = run.get(1);
    update.setString(1, CallStatus.QUEUED.wire());
    recipient(update, 2, requeued.campaignId(), requeued.index());
    update.setString(5, CallStatus.IN_PROGRESS.wire());
    add(run);
  }

  /** Binds {@link Kind#END_ATTEMPT}: the recipient's latest call, if in progress, ends. */
  private static void endAttempt(
      PreparedStatement update,
      String campaignId,
      int index,
      EndedReason reason,
      @Nullable String detail,
      Instant at)
      throws SQLException {
    Columns.setInstant(update, 1, at);
    update.setString(3, reason.wire());
    Columns.setNullableString(update, 4, detail);
    latestCall(update, 5, campaignId, index);
  }

  private void secret(byte[] secret) throws SQLException {
    PreparedStatement set = statement(Kind.SET_SECRET);
    set.setBytes(1, secret);
    if (set.executeUpdate() == 1) {
      return;
    }
    PreparedStatement read = statement(Kind.READ_SECRET);
    try (ResultSet row = read.executeQuery()) {
      byte[] held = row.next() ? row.getBytes(1) : null;
      if (held == null) {
        throw new SQLException("engine_meta has no row: the schema is damaged");
      }
      if (!Arrays.equals(held, secret)) {
        // Replacing it would change every id the engine derives from it.
        throw new StoreException("the store already holds a different engine secret: refused");
      }
    }
  }

  private void created(StoredCampaign campaign, @Nullable StoredAnswer answer) throws SQLException {
    if (key != null) {
      key.requireOwns(campaign);
    }
    // Only a campaign inserted now gets its recipients: COPY, unlike INSERT, cannot skip rows
    // already there, so a create applied again (in this batch or a later one) must write none.
    if (insertCampaign(campaign)) {
      insertRecipients(campaign);
      if (answer != null) {
        PreparedStatement insert = statement(Kind.INSERT_ANSWER);
        insert.setString(1, answer.keyId());
        insert.setString(2, answer.idempotencyKey());
        insert.setString(3, answer.campaignId());
        insert.setBytes(4, answer.fingerprint());
        insert.setBytes(5, answer.answer());
        insert.executeUpdate();
      }
    }
    PreparedStatement raise =
        statement(key == null ? Kind.RAISE_COUNTERS : Kind.RAISE_KEY_COUNTERS);
    raise.setLong(1, campaign.counter() + 1);
    raise.setLong(2, campaign.callBase() + campaign.callSpan());
    if (key != null) {
      raise.setString(3, key.keyId());
    }
    if (raise.executeUpdate() != 1) {
      throw new SQLException(
          key == null
              ? "engine_meta has no row: the schema is damaged"
              : "key " + key.keyId() + " has no key_engines row: its store was not opened");
    }
  }

  /** Whether it was inserted (false: already there, from an earlier commit of the same change). */
  private boolean insertCampaign(StoredCampaign campaign) throws SQLException {
    PreparedStatement insert = statement(Kind.INSERT_CAMPAIGN);
    insert.setString(1, campaign.id());
    insert.setLong(2, campaign.counter());
    insert.setString(3, campaign.keyId());
    insert.setLong(4, campaign.callBase());
    insert.setInt(5, campaign.recipients().size());
    Columns.setInstant(insert, 6, campaign.createdAt());
    insert.setString(8, campaign.createdStatus().wire());
    insert.setString(9, campaign.status().wire());
    Columns.setInstant(insert, 10, campaign.firesAt());
    Columns.setInstant(insert, 12, campaign.canceledAt());
    insert.setString(14, campaign.agentId());
    insert.setString(15, campaign.prompt());
    Columns.setNullableString(insert, 16, campaign.name());
    insert.setString(17, campaign.fromNumber());
    insert.setString(18, campaign.zone().getId());
    insert.setString(19, campaign.zoneSource().wire());
    CallingWindow window = campaign.window();
    if (window == null) {
      insert.setNull(20, Types.VARCHAR);
      insert.setNull(21, Types.INTEGER);
      insert.setNull(22, Types.INTEGER);
      insert.setNull(23, Types.VARCHAR);
    } else {
      insert.setString(20, window.zone().getId());
      insert.setInt(21, window.startMinute());
      insert.setInt(22, window.endMinute());
      insert.setString(23, Columns.days(window.days()));
    }
    Columns.setNullableString(
        insert, 24, campaign.scheduledDate() == null ? null : campaign.scheduledDate().toString());
    insert.setString(25, Columns.invalid(campaign.invalid()));
    insert.setString(26, Columns.indexes(campaign.duplicateIndexes()));
    insert.setString(27, campaign.localHours() == null ? null : campaign.localHours().wire());
    Columns.setInstant(insert, 28, campaign.expiresAt());
    RetryPolicy retry = campaign.retry();
    Columns.setNullableString(insert, 30, retry == null ? null : Columns.reasons(retry.on()));
    if (retry == null) {
      insert.setNull(31, Types.INTEGER);
      insert.setNull(32, Types.INTEGER);
    } else {
      insert.setInt(31, retry.maxAttempts());
      insert.setInt(32, Math.toIntExact(retry.minDelay().toMinutes()));
    }
    return insert.executeUpdate() == 1;
  }

  private void insertRecipients(StoredCampaign campaign) throws SQLException {
    if (dialect.copiesRecipients()) {
      RecipientCopy.copy(connection, campaign);
      return;
    }
    PreparedStatement insert = statement(Kind.INSERT_RECIPIENT);
    List<StoredRecipient> recipients = campaign.recipients();
    for (int index = 0; index < recipients.size(); index++) {
      StoredRecipient recipient = recipients.get(index);
      insert.setLong(1, campaign.callBase() + index);
      insert.setLong(2, campaign.counter());
      insert.setInt(3, index);
      insert.setString(4, recipient.phone());
      Columns.setNullableString(insert, 5, Columns.variables(recipient.variables()));
      Columns.setNullableString(insert, 6, recipient.promptOverride());
      insert.setString(7, recipient.status().wire());
      EndedReason reason = recipient.endedReason();
      Columns.setNullableString(insert, 8, reason == null ? null : reason.wire());
      Columns.setInstant(insert, 9, recipient.startedAt());
      Columns.setInstant(insert, 11, recipient.endedAt());
      Columns.setNullableString(insert, 13, recipient.detail());
      Columns.setNullableString(insert, 14, recipient.reference());
      insert.setInt(15, recipient.attempts());
      insert.addBatch();
      if ((index + 1) % RECIPIENT_BATCH == 0) {
        insert.executeBatch();
      }
    }
    if (recipients.size() % RECIPIENT_BATCH != 0) {
      insert.executeBatch();
    }
  }

  private void canceled(StoreChange.Canceled canceled) throws SQLException {
    PreparedStatement campaign = statement(Kind.CANCEL_CAMPAIGN);
    campaign.setString(1, CampaignStatus.CANCELED.wire());
    Columns.setInstant(campaign, 2, canceled.at());
    campaign.setString(4, canceled.campaignId());
    campaign.executeUpdate();
    PreparedStatement queued = statement(Kind.CANCEL_QUEUED);
    queued.setString(1, CallStatus.ENDED.wire());
    queued.setString(2, EndedReason.CANCELED.wire());
    Columns.setInstant(queued, 3, canceled.at());
    queued.setString(5, canceled.campaignId());
    queued.setString(6, canceled.campaignId());
    queued.setString(7, CallStatus.QUEUED.wire());
    queued.executeUpdate();
  }

  private void expired(StoreChange.Expired expired) throws SQLException {
    PreparedStatement queued = statement(Kind.EXPIRE_QUEUED);
    queued.setString(1, CallStatus.ENDED.wire());
    queued.setString(2, EndedReason.EXPIRED.wire());
    Columns.setInstant(queued, 3, expired.at());
    queued.setString(5, expired.campaignId());
    queued.setString(6, expired.campaignId());
    queued.setString(7, CallStatus.QUEUED.wire());
    queued.executeUpdate();
  }

  private void dropped(String campaignId) throws SQLException {
    PreparedStatement answers = statement(Kind.DROP_ANSWERS);
    answers.setString(1, campaignId);
    answers.executeUpdate();
    PreparedStatement recipients = statement(Kind.DROP_RECIPIENTS);
    recipients.setString(1, campaignId);
    recipients.setString(2, campaignId);
    recipients.executeUpdate();
    PreparedStatement campaign = statement(Kind.DROP_CAMPAIGN);
    campaign.setString(1, campaignId);
    campaign.executeUpdate();
  }

  /** Binds a recipient's campaign id and index, as {@link #RECIPIENT} asks, from {@code first}. */
  private static void recipient(
      PreparedStatement statement, int first, String campaignId, int index) throws SQLException {
    statement.setString(first, campaignId);
    statement.setInt(first + 1, index);
    statement.setInt(first + 2, index);
  }

  /**
   * Binds {@link #LATEST_CALL} from {@code first}: the latest call of the recipient, if it is in
   * progress.
   */
  private static void latestCall(
      PreparedStatement statement, int first, String campaignId, int index) throws SQLException {
    statement.setInt(first, index);
    statement.setInt(first + 1, index);
    statement.setString(first + 2, campaignId);
    statement.setString(first + 3, CallStatus.IN_PROGRESS.wire());
  }

  /** The statement of a batchable kind of one statement, after sending the run of another kind. */
  private PreparedStatement batched(Kind kind) throws SQLException {
    return batched(List.of(kind)).get(0);
  }

  /** The statements of a batchable run, after sending the run of another kind. */
  private List<PreparedStatement> batched(List<Kind> kinds) throws SQLException {
    if (!pending.equals(kinds)) {
      flush();
      pending = kinds;
    }
    List<PreparedStatement> run = new ArrayList<>(kinds.size());
    for (Kind kind : kinds) {
      run.add(statement(kind));
    }
    return run;
  }

  private void add(PreparedStatement statement) throws SQLException {
    add(List.of(statement));
  }

  /** One change's rows, bound in each statement of its run. */
  private void add(List<PreparedStatement> run) throws SQLException {
    for (PreparedStatement statement : run) {
      statement.addBatch();
    }
    pendingCount++;
  }

  private void flush() throws SQLException {
    if (pendingCount > 0) {
      for (Kind kind : pending) {
        statement(kind).executeBatch();
      }
    }
    pending = List.of();
    pendingCount = 0;
  }

  private PreparedStatement statement(Kind kind) throws SQLException {
    PreparedStatement statement = statements.get(kind);
    if (statement == null) {
      statement = connection.prepareStatement(kind.sql.replace("%1$s", dialect.greatest()));
      statements.put(kind, statement);
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
