package dev.outdial.store;

import static dev.outdial.store.Campaigns.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.RetryPolicy;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoredAttempt;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.engine.store.StoredRecipient;
import dev.outdial.engine.testkit.MemoryStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The attempt log and retries (schema V6), part of {@link CampaignStoreContract}: what the store
 * keeps of each call to a recipient, and that it keeps exactly what the testkit's {@link
 * MemoryStore}, the reference, keeps for the same changes.
 */
interface AttemptLogContract {

  /** A new store on this test's database, closed after the test. */
  CampaignStore open();

  /** A plain JDBC connection to this test's database, auto-commit on. */
  Connection rawConnection() throws SQLException;

  /** Three recipients, up to three calls each: call counters 0 to 8. */
  private static StoredCampaign retrying() {
    return Campaigns.withRetry(Campaigns.minimal(0, 0, 3), Campaigns.retry(3));
  }

  private static StoredAttempt attempt(
      StoredCampaign campaign,
      int index,
      int attempt,
      Instant startedAt,
      @Nullable Instant endedAt,
      @Nullable EndedReason reason,
      @Nullable String detail) {
    return new StoredAttempt(
        campaign.keyId(),
        campaign.recipients().get(index).phone(),
        campaign.id(),
        index,
        attempt,
        startedAt,
        endedAt,
        reason,
        detail);
  }

  private static StoredAttempt open(
      StoredCampaign campaign, int index, int attempt, Instant startedAt) {
    return attempt(campaign, index, attempt, startedAt, null, null, null);
  }

  /** The recipient queued with {@code attempts} calls had, every call column empty. */
  private static StoredRecipient queued(StoredRecipient r, int attempts) {
    return new StoredRecipient(
        r.phone(),
        r.variables(),
        r.promptOverride(),
        CallStatus.QUEUED,
        null,
        null,
        null,
        null,
        null,
        attempts);
  }

  private static StoredRecipient recipient(CampaignStore store, String campaignId, int index) {
    return store.campaign(campaignId).orElseThrow().recipients().get(index);
  }

  private List<Long> callKeys() throws SQLException {
    List<Long> keys = new ArrayList<>();
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT call FROM attempts ORDER BY call")) {
      while (rows.next()) {
        keys.add(rows.getLong(1));
      }
    }
    return keys;
  }

  @Test
  default void each_call_start_counts_an_attempt_and_logs_it_under_its_call_counter()
      throws SQLException {
    CampaignStore store = open();
    StoredCampaign c = retrying();
    Instant ended = T0.plusSeconds(30);
    Instant again = T0.plusSeconds(600).plusNanos(1);
    store.commit(
        List.of(new StoreChange.Created(c, null), new StoreChange.CallStarted(c.id(), 1, 1, T0)));

    StoredRecipient first = recipient(store, c.id(), 1);
    assertEquals(CallStatus.IN_PROGRESS, first.status());
    assertEquals(1, first.attempts());
    assertEquals(T0, first.startedAt());
    assertEquals(List.of(open(c, 1, 1, T0)), store.attemptsSince(Instant.EPOCH));
    assertEquals(List.of(c.callCounter(1, 1)), callKeys());

    store.commit(
        List.of(
            new StoreChange.CallEndedForRetry(c.id(), 1, EndedReason.NO_ANSWER, "sip 480", ended),
            new StoreChange.CallStarted(c.id(), 1, 2, again)));

    StoredRecipient second = recipient(store, c.id(), 1);
    assertEquals(CallStatus.IN_PROGRESS, second.status());
    assertEquals(2, second.attempts());
    assertEquals(again, second.startedAt());
    assertEquals(
        List.of(
            attempt(c, 1, 1, T0, ended, EndedReason.NO_ANSWER, "sip 480"), open(c, 1, 2, again)),
        store.attemptsSince(Instant.EPOCH));
    assertEquals(List.of(1L, 4L), callKeys(), "attempt 2 of index 1 of 3: call_base + 3 + 1");
    assertEquals(0, recipient(store, c.id(), 0).attempts(), "never dialled: no attempt");
  }

  @Test
  default void a_call_end_ends_its_attempt_in_the_log_and_an_end_without_a_call_logs_nothing() {
    CampaignStore store = open();
    StoredCampaign c = retrying();
    Instant end = T0.plusSeconds(42).plusNanos(7);
    store.commit(
        List.of(
            new StoreChange.Created(c, null),
            new StoreChange.CallStarted(c.id(), 0, 1, T0),
            new StoreChange.CallPlaced(c.id(), 0, "CA0"),
            new StoreChange.CallEnded(c.id(), 0, EndedReason.COMPLETED, "ok", end),
            new StoreChange.CallEnded(c.id(), 1, EndedReason.SUPPRESSED, null, end)));
    store.commit(
        List.of(
            new StoreChange.CallEnded(
                c.id(), 0, EndedReason.TIMED_OUT, "late", end.plusSeconds(1))));

    assertEquals(
        List.of(attempt(c, 0, 1, T0, end, EndedReason.COMPLETED, "ok")),
        store.attemptsSince(Instant.EPOCH));
    StoredRecipient suppressed = recipient(store, c.id(), 1);
    assertEquals(EndedReason.SUPPRESSED, suppressed.endedReason());
    assertEquals(0, suppressed.attempts());
  }

  @Test
  default void a_requeue_takes_the_call_out_of_the_log_and_off_the_recipients_attempts() {
    CampaignStore store = open();
    StoredCampaign c = retrying();
    Instant busy = T0.plusSeconds(20);
    store.commit(
        List.of(
            new StoreChange.Created(c, null),
            new StoreChange.CallStarted(c.id(), 0, 1, T0),
            new StoreChange.CallEndedForRetry(c.id(), 0, EndedReason.BUSY, null, busy),
            new StoreChange.CallStarted(c.id(), 0, 2, T0.plusSeconds(400)),
            new StoreChange.CallPlaced(c.id(), 0, "CA2"),
            new StoreChange.CallRequeued(c.id(), 0)));

    StoredCampaign requeued = store.campaign(c.id()).orElseThrow();
    assertEquals(queued(c.recipients().get(0), 1), requeued.recipients().get(0));
    List<StoredAttempt> log = List.of(attempt(c, 0, 1, T0, busy, EndedReason.BUSY, null));
    assertEquals(log, store.attemptsSince(Instant.EPOCH));
    assertEquals(log, requeued.earlierAttempts(), "queued: each of its calls is an earlier one");

    store.commit(List.of(new StoreChange.CallRequeued(c.id(), 0))); // not in progress: nothing
    assertEquals(requeued, store.campaign(c.id()).orElseThrow());
    assertEquals(log, store.attemptsSince(Instant.EPOCH));
  }

  @Test
  default void a_requeue_of_an_ended_call_keeps_it_in_the_log() {
    CampaignStore store = open();
    StoredCampaign c = retrying();
    store.commit(
        List.of(
            new StoreChange.Created(c, null),
            new StoreChange.CallStarted(c.id(), 2, 1, T0),
            new StoreChange.CallEnded(c.id(), 2, EndedReason.COMPLETED, null, T0)));
    store.commit(List.of(new StoreChange.CallRequeued(c.id(), 2)));

    assertEquals(
        List.of(attempt(c, 2, 1, T0, T0, EndedReason.COMPLETED, null)),
        store.attemptsSince(Instant.EPOCH));
    assertEquals(1, recipient(store, c.id(), 2).attempts());
  }

  @Test
  default void a_call_ended_for_retry_queues_the_recipient_and_keeps_its_attempts() {
    CampaignStore store = open();
    StoredCampaign c = retrying();
    Instant end = T0.plusSeconds(31);
    store.commit(
        List.of(
            new StoreChange.Created(c, null),
            new StoreChange.CallStarted(c.id(), 0, 1, T0),
            new StoreChange.CallPlaced(c.id(), 0, "CA1"),
            new StoreChange.CallEndedForRetry(
                c.id(), 0, EndedReason.NO_ANSWER, "no answer in 30 s", end),
            new StoreChange.CallStarted(c.id(), 2, 1, T0),
            new StoreChange.CallEnded(c.id(), 2, EndedReason.COMPLETED, "ok", end)));
    StoredCampaign before = store.campaign(c.id()).orElseThrow();
    assertEquals(queued(c.recipients().get(0), 1), before.recipients().get(0));

    // Not in progress, each of them: queued to retry, never dialled, ended.
    store.commit(
        List.of(
            new StoreChange.CallEndedForRetry(
                c.id(), 0, EndedReason.BUSY, "again", end.plusSeconds(1)),
            new StoreChange.CallEndedForRetry(c.id(), 1, EndedReason.BUSY, null, end),
            new StoreChange.CallEndedForRetry(c.id(), 2, EndedReason.BUSY, null, end)));

    assertEquals(before, store.campaign(c.id()).orElseThrow());
    assertEquals(
        List.of(
            attempt(c, 0, 1, T0, end, EndedReason.NO_ANSWER, "no answer in 30 s"),
            attempt(c, 2, 1, T0, end, EndedReason.COMPLETED, "ok")),
        store.attemptsSince(Instant.EPOCH));
  }

  @Test
  default void a_recipient_canceled_while_waiting_for_its_next_attempt_keeps_its_call_as_earlier() {
    CampaignStore store = open();
    StoredCampaign c = retrying();
    Instant end = T0.plusSeconds(31);
    store.commit(
        List.of(
            new StoreChange.Created(c, null),
            new StoreChange.CallStarted(c.id(), 0, 1, T0),
            new StoreChange.CallEndedForRetry(c.id(), 0, EndedReason.NO_ANSWER, "none", end),
            new StoreChange.Canceled(c.id(), end.plusSeconds(5))));

    StoredCampaign canceled = store.campaign(c.id()).orElseThrow();
    assertEquals(EndedReason.CANCELED, canceled.recipients().get(0).endedReason());
    assertEquals(1, canceled.recipients().get(0).attempts());
    assertEquals(
        List.of(attempt(c, 0, 1, T0, end, EndedReason.NO_ANSWER, "none")),
        canceled.earlierAttempts());
  }

  @Test
  default void earlier_attempts_come_back_in_load_and_in_campaign_but_never_the_latest_call() {
    CampaignStore store = open();
    MemoryStore reference = new MemoryStore();
    StoredCampaign c = retrying();
    StoredCampaign once = Campaigns.minimal(1, 9, 2);
    Instant t1 = T0.plusSeconds(30);
    Instant t2 = T0.plusSeconds(400);
    Instant t3 = T0.plusSeconds(450);
    List<StoreChange> changes =
        List.of(
            new StoreChange.Created(c, null),
            new StoreChange.Created(once, null),
            // Index 0: its second call in progress.
            new StoreChange.CallStarted(c.id(), 0, 1, T0),
            new StoreChange.CallEndedForRetry(c.id(), 0, EndedReason.NO_ANSWER, null, t1),
            new StoreChange.CallStarted(c.id(), 0, 2, t2),
            // Index 1: waiting for its second call.
            new StoreChange.CallStarted(c.id(), 1, 1, T0),
            new StoreChange.CallEndedForRetry(c.id(), 1, EndedReason.BUSY, "486", t1),
            // Index 2: its second call ended for good.
            new StoreChange.CallStarted(c.id(), 2, 1, T0),
            new StoreChange.CallEndedForRetry(c.id(), 2, EndedReason.NO_ANSWER, null, t1),
            new StoreChange.CallStarted(c.id(), 2, 2, t2),
            new StoreChange.CallEnded(c.id(), 2, EndedReason.NO_ANSWER, null, t3),
            // A campaign without retries: its one call a recipient is always the latest.
            new StoreChange.CallStarted(once.id(), 0, T0),
            new StoreChange.CallEnded(once.id(), 0, EndedReason.COMPLETED, null, t1));
    store.commit(changes);
    reference.commit(changes);

    List<StoredAttempt> earlier =
        List.of(
            attempt(c, 0, 1, T0, t1, EndedReason.NO_ANSWER, null),
            attempt(c, 1, 1, T0, t1, EndedReason.BUSY, "486"),
            attempt(c, 2, 1, T0, t1, EndedReason.NO_ANSWER, null));
    assertEquals(earlier, store.load().open().get(0).earlierAttempts());
    assertEquals(earlier, store.campaign(c.id()).orElseThrow().earlierAttempts());
    assertEquals(List.of(), store.campaign(once.id()).orElseThrow().earlierAttempts());
    assertEquals(reference.load().open(), store.load().open());

    List<StoreChange> finish = List.of(new StoreChange.Finished(c.id(), t3));
    store.commit(finish);
    reference.commit(finish);
    assertEquals(reference.campaign(c.id()), store.campaign(c.id()));
    assertEquals(earlier, store.campaign(c.id()).orElseThrow().earlierAttempts());
  }

  @Test
  default void attempts_since_spans_campaigns_includes_its_instant_and_survives_a_drop() {
    CampaignStore store = open();
    StoredCampaign a = retrying();
    StoredCampaign b = Campaigns.full(1, 9, 2);
    Instant later = T0.plusSeconds(1).plusNanos(5);
    store.commit(
        List.of(
            new StoreChange.Created(a, null),
            new StoreChange.Created(b, null),
            new StoreChange.CallStarted(b.id(), 1, later),
            new StoreChange.CallStarted(a.id(), 2, 1, T0)));
    StoredAttempt ofA = open(a, 2, 1, T0);
    StoredAttempt ofB = open(b, 1, 1, later);
    assertEquals("key_live_1", ofB.keyId());

    assertEquals(List.of(ofA, ofB), store.attemptsSince(T0), "in call counter order");
    assertEquals(List.of(ofB), store.attemptsSince(T0.plusNanos(1)));
    assertEquals(List.of(ofB), store.attemptsSince(later), "a call at the instant counts");
    assertEquals(List.of(), store.attemptsSince(later.plusNanos(1)));

    Instant end = later.plusSeconds(5);
    store.commit(
        List.of(
            new StoreChange.CallEnded(b.id(), 1, EndedReason.BUSY, null, end),
            new StoreChange.Canceled(b.id(), end),
            new StoreChange.Finished(b.id(), end)));
    store.commit(List.of(new StoreChange.Dropped(b.id())));

    assertTrue(store.campaign(b.id()).isEmpty());
    assertEquals(
        List.of(ofA, attempt(b, 1, 1, later, end, EndedReason.BUSY, null)),
        store.attemptsSince(Instant.EPOCH));
  }

  @Test
  default void attempts_forgotten_deletes_only_old_calls_of_campaigns_no_longer_kept() {
    CampaignStore store = open();
    StoredCampaign kept = retrying();
    StoredCampaign dropped = Campaigns.withRetry(Campaigns.minimal(1, 9, 2), Campaigns.retry(2));
    Instant later = T0.plusSeconds(600);
    store.commit(
        List.of(
            new StoreChange.Created(kept, null),
            new StoreChange.Created(dropped, null),
            new StoreChange.CallStarted(kept.id(), 0, 1, T0),
            new StoreChange.CallStarted(dropped.id(), 0, 1, T0),
            new StoreChange.CallEndedForRetry(dropped.id(), 0, EndedReason.BUSY, null, T0),
            new StoreChange.CallStarted(dropped.id(), 0, 2, later),
            new StoreChange.CallEnded(dropped.id(), 0, EndedReason.BUSY, null, later),
            new StoreChange.Finished(dropped.id(), later),
            new StoreChange.Dropped(dropped.id())));
    StoredAttempt keptCall = open(kept, 0, 1, T0);
    StoredAttempt laterCall = attempt(dropped, 0, 2, later, later, EndedReason.BUSY, null);

    store.commit(List.of(new StoreChange.AttemptsForgotten(later)));
    assertEquals(
        List.of(keptCall, laterCall),
        store.attemptsSince(Instant.EPOCH),
        "the dropped campaign's call before the instant goes; one at it and the kept one stay");

    store.commit(List.of(new StoreChange.AttemptsForgotten(later.plusNanos(1))));
    assertEquals(List.of(keptCall), store.attemptsSince(Instant.EPOCH));
    assertEquals(List.of(), store.campaign(kept.id()).orElseThrow().earlierAttempts());
  }

  @Test
  default void a_retry_campaign_raises_the_call_counter_by_its_span_and_keeps_its_policy() {
    CampaignStore store = open();
    StoredCampaign four = Campaigns.withRetry(Campaigns.minimal(6, 100, 25), Campaigns.retry(4));
    RetryPolicy widest =
        new RetryPolicy(RetryPolicy.RETRYABLE, RetryPolicy.MAX_ATTEMPTS, RetryPolicy.MAX_DELAY);
    StoredCampaign ten = Campaigns.withRetry(Campaigns.full(7, 200, 3), widest);
    store.commit(List.of(new StoreChange.Created(four, null)));
    assertEquals(200, store.load().nextCallCounter(), "100 + 25 recipients x 4 attempts");

    store.commit(
        List.of(new StoreChange.Created(ten, null), new StoreChange.Finished(four.id(), T0)));

    StoredEngine engine = store.load();
    assertEquals(230, engine.nextCallCounter());
    assertEquals(8, engine.nextCampaignCounter());
    assertEquals(List.of(ten), engine.open());
    assertEquals(four, store.campaign(four.id()).orElseThrow());
    assertEquals(Campaigns.retry(4), store.campaign(four.id()).orElseThrow().retry());
    assertEquals(widest, engine.open().get(0).retry());
    assertEquals(
        List.of(new StoredEngine.Finished(four.id(), 6, "key_test_2", 100, 100, T0)),
        engine.finished());
  }

  @Test
  default void every_attempt_change_applied_twice_leaves_the_same_state() {
    CampaignStore store = open();
    MemoryStore reference = new MemoryStore();
    StoredCampaign a = retrying();
    StoredCampaign gone = Campaigns.withRetry(Campaigns.minimal(1, 9, 1), Campaigns.retry(2));
    List<StoreChange> earlier =
        List.of(
            new StoreChange.Created(gone, null),
            new StoreChange.CallStarted(gone.id(), 0, 1, T0),
            new StoreChange.CallEnded(gone.id(), 0, EndedReason.BUSY, null, T0),
            new StoreChange.Finished(gone.id(), T0));
    Instant t = T0.plusSeconds(60);
    List<StoreChange> batch =
        List.of(
            new StoreChange.Created(a, null),
            new StoreChange.CallStarted(a.id(), 0, 1, T0),
            new StoreChange.CallEndedForRetry(a.id(), 0, EndedReason.NO_ANSWER, "x", t),
            new StoreChange.CallStarted(a.id(), 0, 2, t.plusSeconds(300)),
            new StoreChange.CallStarted(a.id(), 1, 1, t),
            new StoreChange.CallPlaced(a.id(), 1, "CA1"),
            new StoreChange.CallRequeued(a.id(), 1),
            new StoreChange.CallStarted(a.id(), 2, 1, t),
            new StoreChange.CallEnded(a.id(), 2, EndedReason.BUSY, "y", t.plusSeconds(9)),
            new StoreChange.CallEnded(a.id(), 2, EndedReason.ERROR, "w", t.plusSeconds(10)),
            new StoreChange.CallEndedForRetry(a.id(), 2, EndedReason.BUSY, "z", t),
            new StoreChange.Dropped(gone.id()),
            new StoreChange.AttemptsForgotten(t));
    for (CampaignStore each : List.of(store, reference)) {
      each.commit(earlier);
      each.commit(batch);
    }
    State once = State.of(store, List.of(a.id(), gone.id()));
    assertEquals(State.of(reference, List.of(a.id(), gone.id())), once);
    assertEquals(3, once.log().size(), "index 0's two calls and index 2's; the dropped one's gone");

    store.commit(batch);
    reference.commit(batch);

    assertEquals(once, State.of(store, List.of(a.id(), gone.id())));
    assertEquals(once, State.of(reference, List.of(a.id(), gone.id())));
  }

  @Test
  default void a_store_of_schema_version_5_counts_and_logs_each_call_that_started()
      throws SQLException {
    StoredCampaign c = Campaigns.minimal(0, 0, 4);
    Instant end = T0.plusSeconds(42);
    try (CampaignStore before = open()) {
      before.commit(
          List.of(
              new StoreChange.Created(c, null),
              new StoreChange.CallStarted(c.id(), 0, T0),
              new StoreChange.CallPlaced(c.id(), 0, "CA0"),
              new StoreChange.CallStarted(c.id(), 1, T0),
              new StoreChange.CallEnded(c.id(), 1, EndedReason.COMPLETED, "ok", end),
              new StoreChange.CallEnded(c.id(), 3, EndedReason.SUPPRESSED, null, T0)));
    }
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement()) {
      // Back to what an Outdial of schema version 5 left: recipients, their starts, no log.
      CampaignStoreContract.backToVersion5(statement);
      statement.executeUpdate("DELETE FROM schema_version WHERE version >= 6");
    }

    CampaignStore store = open();
    List<StoredRecipient> recipients = store.campaign(c.id()).orElseThrow().recipients();
    assertEquals(List.of(1, 1, 0, 0), recipients.stream().map(StoredRecipient::attempts).toList());
    assertEquals(
        List.of(open(c, 0, 1, T0), attempt(c, 1, 1, T0, end, EndedReason.COMPLETED, "ok")),
        store.attemptsSince(Instant.EPOCH));
    assertEquals(List.of(), store.campaign(c.id()).orElseThrow().earlierAttempts());
    assertEquals(
        "CA0", recipients.get(0).reference(), "the migration left the recipients as they were");

    // The call in progress then ends in the log as in the recipient.
    store.commit(List.of(new StoreChange.CallEnded(c.id(), 0, EndedReason.BUSY, null, end)));
    assertEquals(attempt(c, 0, 1, T0, end, EndedReason.BUSY, null), store.attemptsSince(T0).get(0));
  }

  @Test
  default void random_histories_leave_the_state_the_testkit_memory_store_leaves() {
    // The reference semantics, change for change: random batches of every kind of change, some
    // committed twice, over campaigns with and without retries.
    long seed = 20_261_201L;
    CampaignStore store = open();
    MemoryStore reference = new MemoryStore();
    History history = new History(new Random(seed));
    for (int step = 0; step < 60; step++) {
      List<StoreChange> batch = history.next();
      store.commit(batch);
      reference.commit(batch);
      assertEquals(
          State.of(reference, history.ids()),
          State.of(store, history.ids()),
          "seed " + seed + ", after batch " + step + ": " + batch);
    }
  }

  /** Everything a store gives back, open and finished campaigns in counter order. */
  record State(
      long nextCampaign,
      long nextCall,
      List<StoredCampaign> open,
      List<StoredEngine.Finished> finished,
      Map<String, Optional<StoredCampaign>> byId,
      List<StoredAttempt> log,
      List<StoredAttempt> logSinceMidway) {
    static State of(CampaignStore store, List<String> ids) {
      StoredEngine engine = store.load();
      Map<String, Optional<StoredCampaign>> byId = new LinkedHashMap<>();
      for (String id : ids) {
        byId.put(id, store.campaign(id));
      }
      return new State(
          engine.nextCampaignCounter(),
          engine.nextCallCounter(),
          engine.open().stream().sorted(Comparator.comparing(StoredCampaign::counter)).toList(),
          engine.finished().stream()
              .sorted(Comparator.comparing(StoredEngine.Finished::counter))
              .toList(),
          byId,
          store.attemptsSince(Instant.EPOCH),
          store.attemptsSince(T0.plusSeconds(History.MIDWAY_SECONDS).plusNanos(500)));
    }
  }

  /** Random batches of changes over three campaigns, the last batch sometimes again. */
  final class History {
    static final long MIDWAY_SECONDS = 600;

    private final Random random;
    private final List<StoredCampaign> campaigns =
        List.of(
            Campaigns.withRetry(Campaigns.minimal(0, 0, 4), Campaigns.retry(3)),
            Campaigns.withRetry(Campaigns.full(1, 12, 3), Campaigns.retry(2)),
            Campaigns.minimal(2, 18, 3));
    private Instant now = T0;
    private List<StoreChange> last = List.of();

    History(Random random) {
      this.random = random;
    }

    List<String> ids() {
      return campaigns.stream().map(StoredCampaign::id).toList();
    }

    List<StoreChange> next() {
      if (!last.isEmpty() && random.nextInt(5) == 0) {
        return last;
      }
      List<StoreChange> batch = new ArrayList<>();
      if (last.isEmpty()) {
        for (StoredCampaign campaign : campaigns) {
          batch.add(new StoreChange.Created(campaign, null));
        }
      }
      int size = 1 + random.nextInt(6);
      for (int i = 0; i < size; i++) {
        int kind = random.nextInt(100);
        StoredCampaign c = campaigns.get(random.nextInt(campaigns.size()));
        int index = random.nextInt(c.recipients().size());
        batch.add(change(kind, c, index));
        if (random.nextInt(4) == 0) {
          // The same kind of change to the same recipient next: one JDBC batch holds both.
          batch.add(change(kind, c, index));
        }
      }
      last = List.copyOf(batch);
      return last;
    }

    private StoreChange change(int kind, StoredCampaign c, int index) {
      now = now.plusSeconds(random.nextInt(40)).plusNanos(random.nextInt(1_000));
      int maxAttempts = c.retry() == null ? 1 : c.retry().maxAttempts();
      EndedReason reason = EndedReason.values()[random.nextInt(EndedReason.values().length)];
      String detail = random.nextBoolean() ? null : "detail " + random.nextInt(100);
      if (kind < 30) {
        return new StoreChange.CallStarted(c.id(), index, 1 + random.nextInt(maxAttempts), now);
      } else if (kind < 38) {
        return new StoreChange.CallPlaced(c.id(), index, "CA" + random.nextInt(1000));
      } else if (kind < 48) {
        return new StoreChange.CallRequeued(c.id(), index);
      } else if (kind < 63) {
        return new StoreChange.CallEnded(c.id(), index, reason, detail, now);
      } else if (kind < 80) {
        return new StoreChange.CallEndedForRetry(c.id(), index, reason, detail, now);
      } else if (kind < 84) {
        return new StoreChange.Status(c.id(), CampaignStatus.PAUSED, now);
      } else if (kind < 87) {
        return new StoreChange.Expired(c.id(), now);
      } else if (kind < 89) {
        return new StoreChange.Canceled(c.id(), now);
      } else if (kind < 93) {
        return new StoreChange.Finished(c.id(), now);
      } else if (kind < 96) {
        return new StoreChange.Dropped(c.id());
      } else {
        return new StoreChange.AttemptsForgotten(
            now.minusSeconds(random.nextInt(200)).plusNanos(random.nextInt(1_000)));
      }
    }
  }
}
