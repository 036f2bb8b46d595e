package dev.outdial.store.internal;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every write of the store: applies changes, in order, inside a transaction its caller holds.
 *
 * <p>Each change is written so that applying it again leaves the same state: a create inserts only
 * a campaign that is not there yet and raises the counters to at least its own; a call's end and a
 * requeue skip a call already ended (an ended call is final); a placed reference is kept only on a
 * call in progress (a late one must not mark a queued or ended recipient); the other updates set
 * the same values again. A change naming a campaign or recipient no longer there changes nothing (a
 * retried batch may name a campaign it then drops).
 *
 * <p>Runs of consecutive changes of one kind (calls starting, calls ending…) go to the database as
 * one JDBC batch; order between kinds is kept by sending a run before the next kind's change.
 */
final class ChangeWriter implements AutoCloseable {
  private static final int RECIPIENT_BATCH = 5_000;

  /** The recipient (campaign id, index): its call counter, checked against its index. */
  private static final String RECIPIENT =
      " WHERE call = (SELECT call_base FROM campaigns WHERE id = ?) + ? AND idx = ?";

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
            + " local_hours, expires_s, expires_n)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING"),
    INSERT_RECIPIENT(
        "INSERT INTO recipients (call, campaign, idx, phone, variables, prompt_override, status,"
            + " ended_reason, started_s, started_n, ended_s, ended_n, detail, reference)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    INSERT_ANSWER(
        "INSERT INTO answers (key_id, idempotency_key, campaign_id, fingerprint, answer)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_id, idempotency_key) DO NOTHING"),
    RAISE_COUNTERS(
        "UPDATE engine_meta SET next_campaign_counter = %1$s(next_campaign_counter, ?),"
            + " next_call_counter = %1$s(next_call_counter, ?) WHERE id = 1"),
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
    CALL_STARTED("UPDATE recipients SET status = ?, started_s = ?, started_n = ?" + RECIPIENT),
    CALL_PLACED("UPDATE recipients SET reference = ?" + RECIPIENT + " AND status = ?"),
    CALL_REQUEUED(
        "UPDATE recipients SET status = ?, started_s = NULL, started_n = NULL, reference = NULL"
            + RECIPIENT
            + " AND status <> ?"),
    CALL_ENDED(
        "UPDATE recipients SET status = ?, ended_reason = ?, detail = ?, ended_s = ?, ended_n = ?"
            + RECIPIENT
            + " AND status <> ?"),
    FINISHED("UPDATE campaigns SET finished_s = ?, finished_n = ? WHERE id = ?"),
    DROP_ANSWERS("DELETE FROM answers WHERE campaign_id = ?"),
    DROP_RECIPIENTS("DELETE FROM recipients" + RECIPIENTS_OF),
    DROP_CAMPAIGN("DELETE FROM campaigns WHERE id = ?");

    final String sql;

    Kind(String sql) {
      this.sql = sql;
    }
  }

  private final Connection connection;
  private final Dialect dialect;
  private final Map<Kind, PreparedStatement> statements = new EnumMap<>(Kind.class);
  private @Nullable Kind pending;
  private int pendingCount;

  ChangeWriter(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
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
      PreparedStatement update = batched(Kind.CALL_STARTED);
      update.setString(1, CallStatus.IN_PROGRESS.wire());
      Columns.setInstant(update, 2, started.at());
      recipient(update, 4, started.campaignId(), started.index());
      add(update);
    } else if (change instanceof StoreChange.CallPlaced placed) {
      PreparedStatement update = batched(Kind.CALL_PLACED);
      update.setString(1, placed.reference());
      recipient(update, 2, placed.campaignId(), placed.index());
      update.setString(5, CallStatus.IN_PROGRESS.wire());
      add(update);
    } else if (change instanceof StoreChange.CallRequeued requeued) {
      PreparedStatement update = batched(Kind.CALL_REQUEUED);
      update.setString(1, CallStatus.QUEUED.wire());
      recipient(update, 2, requeued.campaignId(), requeued.index());
      update.setString(5, CallStatus.ENDED.wire());
      add(update);
    } else if (change instanceof StoreChange.CallEnded ended) {
      PreparedStatement update = batched(Kind.CALL_ENDED);
      update.setString(1, CallStatus.ENDED.wire());
      update.setString(2, ended.reason().wire());
      Columns.setNullableString(update, 3, ended.detail());
      Columns.setInstant(update, 4, ended.at());
      recipient(update, 6, ended.campaignId(), ended.index());
      update.setString(9, CallStatus.ENDED.wire());
      add(update);
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
    PreparedStatement raise = statement(Kind.RAISE_COUNTERS);
    raise.setLong(1, campaign.counter() + 1);
    raise.setLong(2, campaign.callBase() + campaign.recipients().size());
    raise.executeUpdate();
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

  /** The statement of a batchable kind, after sending the run of another kind. */
  private PreparedStatement batched(Kind kind) throws SQLException {
    if (pending != kind) {
      flush();
      pending = kind;
    }
    return statement(kind);
  }

  private void add(PreparedStatement statement) throws SQLException {
    statement.addBatch();
    pendingCount++;
  }

  private void flush() throws SQLException {
    if (pending != null && pendingCount > 0) {
      statement(pending).executeBatch();
    }
    pending = null;
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
