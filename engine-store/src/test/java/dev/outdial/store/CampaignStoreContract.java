package dev.outdial.store;

import static dev.outdial.store.Campaigns.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.engine.store.StoredRecipient;
import dev.outdial.engine.store.SuppressionStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CampaignStore} of this module promises, run against each database by a
 * subclass. Each test starts from a new, empty store. The attempt log's part is {@link
 * AttemptLogContract}.
 */
abstract class CampaignStoreContract implements AttemptLogContract {
  private final List<CampaignStore> opened = new ArrayList<>();

  /** Opens a store on this test's database: the same database each time. */
  abstract CampaignStore openStore();

  @Override
  public abstract Connection rawConnection() throws SQLException;

  @Override
  public CampaignStore open() {
    CampaignStore store = openStore();
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(CampaignStore::close);
  }

  private static final byte[] SECRET = new byte[32];

  static {
    for (int i = 0; i < SECRET.length; i++) {
      SECRET[i] = (byte) (i * 7 - 100);
    }
  }

  // --- load and secret

  @Test
  void an_empty_store_loads_no_secret_zero_counters_and_no_campaigns() {
    StoredEngine engine = open().load();
    assertNull(engine.secret());
    assertEquals(0, engine.nextCampaignCounter());
    assertEquals(0, engine.nextCallCounter());
    assertTrue(engine.open().isEmpty());
    assertTrue(engine.finished().isEmpty());
  }

  @Test
  void the_secret_is_kept_once_and_committing_it_again_changes_nothing() {
    CampaignStore store = open();
    store.commit(List.of(new StoreChange.Secret(SECRET.clone())));
    store.commit(List.of(new StoreChange.Secret(SECRET.clone())));
    assertArrayEquals(SECRET, store.load().secret());
  }

  @Test
  void a_different_secret_is_refused_and_the_first_kept() {
    CampaignStore store = open();
    store.commit(List.of(new StoreChange.Secret(SECRET.clone())));
    StoreException refused =
        assertThrows(
            StoreException.class,
            () -> store.commit(List.of(new StoreChange.Secret(new byte[32]))));
    assertTrue(refused.getMessage().contains("different engine secret"), refused.getMessage());
    assertArrayEquals(SECRET, store.load().secret());
  }

  // --- create

  @Test
  void a_created_campaign_loads_back_equal_in_every_field() {
    CampaignStore store = open();
    StoredCampaign full = Campaigns.full(0, 0, 10);
    StoredCampaign minimal = Campaigns.minimal(1, 10, 3);
    store.commit(
        List.of(new StoreChange.Created(full, null), new StoreChange.Created(minimal, null)));

    StoredEngine engine = store.load();
    assertEquals(List.of(full, minimal), engine.open());
    assertEquals(full, store.campaign(full.id()).orElseThrow());
    assertEquals(minimal, store.campaign(minimal.id()).orElseThrow());
  }

  @Test
  void a_recipient_in_any_state_round_trips_with_nanosecond_instants() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 4);
    StoredRecipient r = campaign.recipients().get(0);
    campaign =
        Campaigns.withRecipient(
            campaign,
            1,
            new StoredRecipient(
                r.phone(),
                Map.of("a", "b"),
                "override",
                CallStatus.IN_PROGRESS,
                null,
                T0,
                null,
                null,
                "CA123",
                1));
    campaign =
        Campaigns.withRecipient(
            campaign,
            2,
            Campaigns.ended(
                r, EndedReason.VOICEMAIL_DETECTED, T0, T0.plusNanos(999_999_999), "amd: machine"));
    store.commit(List.of(new StoreChange.Created(campaign, null)));
    assertEquals(campaign, store.load().open().get(0));
  }

  @Test
  void a_create_raises_the_counters_to_one_past_its_own() {
    CampaignStore store = open();
    store.commit(List.of(new StoreChange.Created(Campaigns.minimal(6, 100, 25), null)));
    StoredEngine engine = store.load();
    assertEquals(7, engine.nextCampaignCounter());
    assertEquals(125, engine.nextCallCounter());

    store.commit(List.of(new StoreChange.Created(Campaigns.minimal(2, 10, 5), null)));
    engine = store.load();
    assertEquals(7, engine.nextCampaignCounter(), "counters never go down");
    assertEquals(125, engine.nextCallCounter());
  }

  @Test
  void a_create_committed_twice_changes_nothing() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.full(0, 0, 5);
    StoreChange created = new StoreChange.Created(campaign, Campaigns.answer(campaign.id(), "k1"));
    store.commit(List.of(created));
    store.commit(
        List.of(
            new StoreChange.CallStarted(campaign.id(), 0, T0),
            new StoreChange.CallPlaced(campaign.id(), 0, "CA1")));
    StoredEngine before = store.load();

    store.commit(List.of(created));

    StoredEngine after = store.load();
    assertEquals(before.open(), after.open());
    assertEquals(before.nextCallCounter(), after.nextCallCounter());
    assertEquals(CallStatus.IN_PROGRESS, after.open().get(0).recipients().get(0).status());
  }

  @Test
  void a_create_applied_twice_in_one_batch_and_again_later_leaves_one_set_of_recipients()
      throws SQLException {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.full(0, 0, 7);
    StoreChange created = new StoreChange.Created(campaign, Campaigns.answer(campaign.id(), "k1"));
    store.commit(List.of(created, created));
    store.commit(List.of(created));
    store.commit(List.of(created, new StoreChange.CallStarted(campaign.id(), 0, T0), created));

    assertEquals(7, count("SELECT count(*) FROM recipients"));
    assertEquals(7, count("SELECT count(DISTINCT idx) FROM recipients"));
    assertEquals(1, count("SELECT count(*) FROM campaigns"));
    StoredCampaign loaded = store.load().open().get(0);
    assertEquals(campaign.recipients().subList(1, 7), loaded.recipients().subList(1, 7));
    assertEquals(CallStatus.IN_PROGRESS, loaded.recipients().get(0).status());
  }

  @Test
  void awkward_text_in_variables_prompts_details_and_references_round_trips() {
    CampaignStore store = open();
    List<String> awkward =
        List.of(
            "tab\there",
            "line\nbreak\r\nand cr\r",
            "back\\slash \\N \\. \\t \\\\",
            "\\.",
            "\\N",
            "quotes \" ' ` and , ; | commas",
            "ünïcödé — ñ ø 漢字 עברית",
            "emoji 📞🎉👋🏽 and 🇬🇧",
            "",
            " leading and trailing spaces ",
            "end marker\n\\.\non its own line");
    StoredCampaign base = Campaigns.minimal(0, 0, awkward.size() + 1);
    StoredCampaign campaign = base;
    for (int i = 0; i < awkward.size(); i++) {
      String text = awkward.get(i);
      Map<String, String> variables = new LinkedHashMap<>();
      variables.put(text, text);
      variables.put("k" + i, "v\t" + text);
      StoredRecipient r = base.recipients().get(i);
      campaign =
          Campaigns.withRecipient(
              campaign,
              i,
              new StoredRecipient(
                  r.phone(),
                  variables,
                  text,
                  i % 2 == 0 ? CallStatus.ENDED : CallStatus.QUEUED,
                  i % 2 == 0 ? EndedReason.DIAL_FAILED : null,
                  i % 2 == 0 ? T0 : null,
                  i % 2 == 0 ? T0.plusSeconds(1) : null,
                  i % 2 == 0 ? text : null,
                  i % 2 == 0 ? text : null,
                  i % 2 == 0 ? 1 : 0));
    }
    store.commit(List.of(new StoreChange.Created(campaign, null)));

    assertEquals(campaign, store.load().open().get(0));
    StoredCampaign loaded = store.campaign(campaign.id()).orElseThrow();
    assertEquals("", loaded.recipients().get(8).promptOverride(), "empty text is not null");
    assertNull(loaded.recipients().get(awkward.size()).promptOverride(), "null stays null");
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void open_campaigns_load_in_creation_order() {
    CampaignStore store = open();
    for (int counter = 0; counter < 5; counter++) {
      store.commit(
          List.of(new StoreChange.Created(Campaigns.minimal(counter, counter * 2L, 2), null)));
    }
    List<String> ids = store.load().open().stream().map(StoredCampaign::id).toList();
    assertEquals(
        List.of("batchcall_0", "batchcall_1", "batchcall_2", "batchcall_3", "batchcall_4"), ids);
  }

  @Test
  void a_hundred_thousand_recipient_create_commits_and_loads_back() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.full(0, 0, 100_000);
    store.commit(List.of(new StoreChange.Created(campaign, null)));
    StoredCampaign loaded = store.load().open().get(0);
    assertEquals(100_000, loaded.recipients().size());
    assertEquals(campaign, loaded);
  }

  // --- answers

  @Test
  void an_answer_is_found_by_its_key_and_idempotency_key_only() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 1);
    StoredAnswer answer = Campaigns.answer(campaign.id(), "idem-1");
    store.commit(List.of(new StoreChange.Created(campaign, answer)));

    StoredAnswer found = store.answer("key_live_1", "idem-1").orElseThrow();
    assertEquals(answer.campaignId(), found.campaignId());
    assertEquals(answer.keyId(), found.keyId());
    assertEquals(answer.idempotencyKey(), found.idempotencyKey());
    assertArrayEquals(answer.fingerprint(), found.fingerprint());
    assertArrayEquals(answer.answer(), found.answer());
    assertTrue(store.answer("key_live_1", "idem-2").isEmpty());
    assertTrue(store.answer("key_other", "idem-1").isEmpty());
  }

  // --- status and calls

  @Test
  void a_status_change_is_kept() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 1);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, null),
            new StoreChange.Status(campaign.id(), CampaignStatus.PAUSED, T0)));
    StoredCampaign loaded = store.load().open().get(0);
    assertEquals(CampaignStatus.PAUSED, loaded.status());
    assertEquals(CampaignStatus.RUNNING, loaded.createdStatus());
  }

  @Test
  void a_call_starts_is_placed_and_ends() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 2);
    Instant end = T0.plusSeconds(42);
    store.commit(List.of(new StoreChange.Created(campaign, null)));
    store.commit(List.of(new StoreChange.CallStarted(campaign.id(), 1, T0)));
    StoredRecipient started = store.load().open().get(0).recipients().get(1);
    assertEquals(CallStatus.IN_PROGRESS, started.status());
    assertEquals(T0, started.startedAt());

    store.commit(List.of(new StoreChange.CallPlaced(campaign.id(), 1, "CA42")));
    assertEquals("CA42", store.load().open().get(0).recipients().get(1).reference());

    store.commit(
        List.of(new StoreChange.CallEnded(campaign.id(), 1, EndedReason.BUSY, "sip 486", end)));
    StoredRecipient ended = store.load().open().get(0).recipients().get(1);
    assertEquals(
        new StoredRecipient(
            started.phone(),
            Map.of(),
            null,
            CallStatus.ENDED,
            EndedReason.BUSY,
            T0,
            end,
            "sip 486",
            "CA42",
            1),
        ended);
    assertEquals(CallStatus.QUEUED, store.load().open().get(0).recipients().get(0).status());
  }

  @Test
  void a_requeued_call_is_queued_again_without_start_or_reference() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 1);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, null),
            new StoreChange.CallStarted(campaign.id(), 0, T0),
            new StoreChange.CallPlaced(campaign.id(), 0, "CA1"),
            new StoreChange.CallRequeued(campaign.id(), 0)));
    assertEquals(campaign, store.load().open().get(0));
  }

  @Test
  void a_placed_reference_is_kept_only_for_a_call_in_progress() {
    // A CallPlaced that arrives after its call was requeued or ended (a late or retried batch)
    // must not give a queued or ended recipient a reference: the testkit's MemoryStore skips it.
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 3);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, null),
            new StoreChange.CallStarted(campaign.id(), 1, T0),
            new StoreChange.CallEnded(campaign.id(), 1, EndedReason.NO_ANSWER, null, T0),
            new StoreChange.CallStarted(campaign.id(), 2, T0)));
    store.commit(
        List.of(
            new StoreChange.CallPlaced(campaign.id(), 0, "CA-queued"),
            new StoreChange.CallPlaced(campaign.id(), 1, "CA-ended"),
            new StoreChange.CallPlaced(campaign.id(), 2, "CA-in-progress")));

    List<StoredRecipient> recipients = store.load().open().get(0).recipients();
    assertEquals(campaign.recipients().get(0), recipients.get(0), "queued: untouched");
    assertNull(recipients.get(1).reference(), "ended: no reference given");
    assertEquals(CallStatus.ENDED, recipients.get(1).status());
    assertEquals("CA-in-progress", recipients.get(2).reference());
  }

  @Test
  void a_requeue_committed_for_a_call_already_ended_changes_nothing() {
    // An ended call is final: a requeue arriving after its end (a retried batch) must not queue
    // the recipient again, or it would be dialled twice.
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 1);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, null),
            new StoreChange.CallStarted(campaign.id(), 0, T0),
            new StoreChange.CallPlaced(campaign.id(), 0, "CA1"),
            new StoreChange.CallEnded(campaign.id(), 0, EndedReason.COMPLETED, "ok", T0)));
    StoredRecipient ended = store.load().open().get(0).recipients().get(0);

    store.commit(List.of(new StoreChange.CallRequeued(campaign.id(), 0)));

    assertEquals(ended, store.load().open().get(0).recipients().get(0));
    assertEquals(CallStatus.ENDED, ended.status());
  }

  @Test
  void an_end_committed_for_a_call_already_ended_changes_nothing() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 1);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, null),
            new StoreChange.CallStarted(campaign.id(), 0, T0),
            new StoreChange.CallEnded(campaign.id(), 0, EndedReason.COMPLETED, null, T0)));
    store.commit(
        List.of(
            new StoreChange.CallEnded(
                campaign.id(), 0, EndedReason.TIMED_OUT, "late", T0.plusSeconds(9))));
    StoredRecipient recipient = store.load().open().get(0).recipients().get(0);
    assertEquals(EndedReason.COMPLETED, recipient.endedReason());
    assertEquals(T0, recipient.endedAt());
    assertNull(recipient.detail());
  }

  @Test
  void a_cancel_ends_every_queued_recipient_and_leaves_the_others() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 3);
    Instant at = T0.plusSeconds(60);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, null),
            new StoreChange.CallStarted(campaign.id(), 0, T0),
            new StoreChange.CallStarted(campaign.id(), 1, T0),
            new StoreChange.CallEnded(campaign.id(), 1, EndedReason.NO_ANSWER, null, T0)));
    store.commit(List.of(new StoreChange.Canceled(campaign.id(), at)));

    StoredCampaign loaded = store.load().open().get(0);
    assertEquals(CampaignStatus.CANCELED, loaded.status());
    assertEquals(at, loaded.canceledAt());
    assertEquals(CallStatus.IN_PROGRESS, loaded.recipients().get(0).status());
    assertEquals(EndedReason.NO_ANSWER, loaded.recipients().get(1).endedReason());
    StoredRecipient canceled = loaded.recipients().get(2);
    assertEquals(CallStatus.ENDED, canceled.status());
    assertEquals(EndedReason.CANCELED, canceled.endedReason());
    assertNull(canceled.startedAt());
    assertEquals(at, canceled.endedAt());
  }

  @Test
  void an_expiry_ends_every_queued_recipient_expired_and_leaves_the_status_and_the_others() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 4);
    Instant at = T0.plusSeconds(60).plusNanos(123);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, null),
            new StoreChange.CallStarted(campaign.id(), 0, T0),
            new StoreChange.CallStarted(campaign.id(), 1, T0),
            new StoreChange.CallEnded(campaign.id(), 1, EndedReason.NO_ANSWER, null, T0),
            new StoreChange.CallStarted(campaign.id(), 2, T0),
            new StoreChange.CallRequeued(campaign.id(), 2)));
    store.commit(List.of(new StoreChange.Expired(campaign.id(), at)));
    store.commit(List.of(new StoreChange.Expired(campaign.id(), at.plusSeconds(1)))); // again

    StoredCampaign loaded = store.load().open().get(0);
    assertEquals(campaign.status(), loaded.status());
    assertNull(loaded.canceledAt());
    assertEquals(CallStatus.IN_PROGRESS, loaded.recipients().get(0).status());
    assertEquals(EndedReason.NO_ANSWER, loaded.recipients().get(1).endedReason());
    for (int index : List.of(2, 3)) {
      StoredRecipient expired = loaded.recipients().get(index);
      assertEquals(CallStatus.ENDED, expired.status());
      assertEquals(EndedReason.EXPIRED, expired.endedReason());
      assertNull(expired.startedAt());
      assertEquals(at, expired.endedAt());
    }
  }

  @Test
  void an_expiry_of_a_campaign_not_in_the_store_changes_nothing() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(0, 0, 1);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, null), new StoreChange.Expired("batchcall_x", T0)));

    assertEquals(CallStatus.QUEUED, store.load().open().get(0).recipients().get(0).status());
  }

  @Test
  void a_campaigns_expires_at_round_trips_to_the_nanosecond_and_older_campaigns_have_none() {
    CampaignStore store = open();
    StoredCampaign plain = Campaigns.minimal(0, 0, 1);
    StoredCampaign c = Campaigns.minimal(1, 1, 1);
    Instant expiresAt = T0.plusSeconds(3600).plusNanos(987_654_321);
    StoredCampaign expiring = Campaigns.withOptions(c, null, expiresAt);
    store.commit(
        List.of(new StoreChange.Created(plain, null), new StoreChange.Created(expiring, null)));

    assertNull(store.campaign(plain.id()).orElseThrow().expiresAt());
    assertEquals(expiresAt, store.campaign(expiring.id()).orElseThrow().expiresAt());
    assertEquals(expiresAt, store.load().open().get(1).expiresAt());
  }

  // --- finish and drop

  @Test
  void a_finished_campaign_leaves_the_open_ones_and_is_read_by_id() {
    CampaignStore store = open();
    StoredCampaign first = Campaigns.minimal(0, 0, 2);
    StoredCampaign second = Campaigns.minimal(1, 2, 3);
    Instant at = T0.plusNanos(7);
    store.commit(
        List.of(
            new StoreChange.Created(first, null),
            new StoreChange.Created(second, null),
            new StoreChange.Finished(first.id(), at)));

    StoredEngine engine = store.load();
    assertEquals(List.of(second), engine.open());
    assertEquals(
        List.of(new StoredEngine.Finished(first.id(), 0, "key_test_2", 0, 2, at)),
        engine.finished());
    assertEquals(first, store.campaign(first.id()).orElseThrow());
  }

  @Test
  void a_dropped_campaign_is_gone_with_its_answer_but_its_counters_stay_used() {
    CampaignStore store = open();
    StoredCampaign campaign = Campaigns.minimal(3, 40, 2);
    store.commit(
        List.of(
            new StoreChange.Created(campaign, Campaigns.answer(campaign.id(), "idem")),
            new StoreChange.Finished(campaign.id(), T0)));
    store.commit(List.of(new StoreChange.Dropped(campaign.id())));

    StoredEngine engine = store.load();
    assertTrue(engine.open().isEmpty());
    assertTrue(engine.finished().isEmpty());
    assertTrue(store.campaign(campaign.id()).isEmpty());
    assertTrue(store.answer("key_live_1", "idem").isEmpty());
    assertEquals(4, engine.nextCampaignCounter());
    assertEquals(42, engine.nextCallCounter());
  }

  @Test
  void a_change_naming_an_index_past_its_campaign_touches_no_other_campaign() {
    CampaignStore store = open();
    StoredCampaign first = Campaigns.minimal(0, 0, 2);
    StoredCampaign second = Campaigns.minimal(1, 2, 2);
    store.commit(
        List.of(new StoreChange.Created(first, null), new StoreChange.Created(second, null)));
    // Index 2 of the first campaign has the call counter of the second's index 0.
    store.commit(
        List.of(
            new StoreChange.CallStarted(first.id(), 2, T0),
            new StoreChange.CallEnded(first.id(), 2, EndedReason.ERROR, null, T0)));
    assertEquals(List.of(first, second), store.load().open());
  }

  @Test
  void changes_naming_a_campaign_not_there_change_nothing() {
    CampaignStore store = open();
    store.commit(
        List.of(
            new StoreChange.Status("batchcall_x", CampaignStatus.PAUSED, T0),
            new StoreChange.Canceled("batchcall_x", T0),
            new StoreChange.CallStarted("batchcall_x", 0, T0),
            new StoreChange.CallPlaced("batchcall_x", 0, "CA"),
            new StoreChange.CallRequeued("batchcall_x", 0),
            new StoreChange.CallEnded("batchcall_x", 0, EndedReason.ERROR, null, T0),
            new StoreChange.Finished("batchcall_x", T0),
            new StoreChange.Dropped("batchcall_x")));
    StoredEngine engine = store.load();
    assertTrue(engine.open().isEmpty());
    assertTrue(engine.finished().isEmpty());
  }

  // --- idempotence and atomicity

  @Test
  void every_kind_of_change_committed_again_leaves_the_same_state() {
    CampaignStore store = open();
    StoredCampaign a = Campaigns.full(0, 0, 6);
    StoredCampaign b = Campaigns.minimal(1, 6, 3);
    StoredCampaign c = Campaigns.minimal(2, 9, 2);
    StoredCampaign d = Campaigns.minimal(3, 11, 2);
    store.commit(List.of(new StoreChange.Created(d, Campaigns.answer(d.id(), "d"))));
    List<StoreChange> batch =
        List.of(
            new StoreChange.Secret(SECRET.clone()),
            new StoreChange.Created(a, Campaigns.answer(a.id(), "a")),
            new StoreChange.Created(b, null),
            new StoreChange.Created(c, null),
            new StoreChange.Status(a.id(), CampaignStatus.RUNNING, T0),
            new StoreChange.CallStarted(a.id(), 0, T0),
            new StoreChange.CallStarted(a.id(), 1, T0),
            new StoreChange.CallStarted(a.id(), 2, T0),
            new StoreChange.CallPlaced(a.id(), 0, "CA0"),
            new StoreChange.CallPlaced(a.id(), 2, "CA2"),
            new StoreChange.CallRequeued(a.id(), 1),
            new StoreChange.CallEnded(a.id(), 0, EndedReason.COMPLETED, "ok", T0.plusSeconds(3)),
            new StoreChange.CallEnded(a.id(), 0, EndedReason.ERROR, "twice", T0.plusSeconds(4)),
            new StoreChange.Canceled(b.id(), T0.plusSeconds(5)),
            new StoreChange.Finished(b.id(), T0.plusSeconds(5)),
            new StoreChange.Status(c.id(), CampaignStatus.COMPLETED, T0),
            new StoreChange.Finished(c.id(), T0.plusSeconds(6)),
            new StoreChange.Dropped(d.id()));
    store.commit(batch);
    Snapshot once = Snapshot.of(store);

    store.commit(batch);

    assertEquals(once, Snapshot.of(store));
    StoredCampaign loaded = once.engine.open().get(0);
    assertEquals(EndedReason.COMPLETED, loaded.recipients().get(0).endedReason());
    assertEquals(CallStatus.QUEUED, loaded.recipients().get(1).status());
    assertEquals("CA2", loaded.recipients().get(2).reference());
    assertEquals(2, once.engine.finished().size());
    assertTrue(store.answer("key_live_1", "d").isEmpty());
  }

  /** What a store holds, comparable (a secret's bytes compared by value). */
  private record Snapshot(
      StoredEngine engine, List<Byte> secret, List<StoredCampaign> finished, boolean answerA) {
    static Snapshot of(CampaignStore store) {
      StoredEngine engine = store.load();
      List<Byte> secret = new ArrayList<>();
      for (byte b : engine.secret()) {
        secret.add(b);
      }
      List<StoredCampaign> finished =
          engine.finished().stream().map(f -> store.campaign(f.id()).orElseThrow()).toList();
      return new Snapshot(
          new StoredEngine(
              null,
              engine.nextCampaignCounter(),
              engine.nextCallCounter(),
              engine.open(),
              engine.finished()),
          secret,
          finished,
          store.answer("key_live_1", "a").isPresent());
    }
  }

  @Test
  void a_commit_that_fails_keeps_nothing_of_its_batch() {
    CampaignStore store = open();
    StoredCampaign first = Campaigns.minimal(0, 0, 2);
    store.commit(List.of(new StoreChange.Created(first, null)));
    StoredEngine before = store.load();

    // A second campaign under the first one's counter: the database refuses it, at the end.
    StoredCampaign clash = Campaigns.minimal(0, 2, 1);
    StoredCampaign renamed =
        new StoredCampaign(
            "batchcall_clash",
            0,
            clash.keyId(),
            2,
            clash.createdAt(),
            clash.createdStatus(),
            clash.status(),
            null,
            null,
            clash.agentId(),
            clash.prompt(),
            null,
            clash.fromNumber(),
            clash.zone(),
            clash.zoneSource(),
            null,
            null,
            List.of(),
            List.of(),
            clash.recipients(),
            null,
            null,
            null,
            List.of());
    StoredCampaign other = Campaigns.minimal(1, 2, 3);
    List<StoreChange> batch =
        List.of(
            new StoreChange.Secret(SECRET.clone()),
            new StoreChange.Created(other, Campaigns.answer(other.id(), "o")),
            new StoreChange.CallStarted(first.id(), 0, T0),
            new StoreChange.Status(first.id(), CampaignStatus.PAUSED, T0),
            new StoreChange.Created(renamed, null));

    StoreException failure = assertThrows(StoreException.class, () -> store.commit(batch));
    assertTrue(failure.getMessage().contains("committing 5 changes to"), failure.getMessage());

    StoredEngine after = store.load();
    assertNull(after.secret());
    assertEquals(before.open(), after.open());
    assertEquals(before.nextCampaignCounter(), after.nextCampaignCounter());
    assertEquals(before.nextCallCounter(), after.nextCallCounter());
    assertTrue(store.answer("key_live_1", "o").isEmpty());

    // And the store still works.
    store.commit(List.of(new StoreChange.Created(other, null)));
    assertEquals(2, store.load().open().size());
  }

  @Test
  void a_closed_store_refuses_with_a_store_exception() {
    CampaignStore store = openStore();
    store.close();
    assertThrows(StoreException.class, store::load);
    assertThrows(
        StoreException.class, () -> store.commit(List.of(new StoreChange.Secret(SECRET.clone()))));
  }

  // --- reopening and migrations

  @Test
  void a_reopened_store_sees_everything_committed() {
    StoredCampaign campaign = Campaigns.full(0, 0, 20);
    StoredCampaign done = Campaigns.minimal(1, 20, 1);
    try (CampaignStore store = openStore()) {
      store.commit(
          List.of(
              new StoreChange.Secret(SECRET.clone()),
              new StoreChange.Created(campaign, Campaigns.answer(campaign.id(), "k")),
              new StoreChange.Created(done, null),
              new StoreChange.Finished(done.id(), T0)));
    }
    CampaignStore reopened = open();
    StoredEngine engine = reopened.load();
    assertArrayEquals(SECRET, engine.secret());
    assertEquals(List.of(campaign), engine.open());
    assertEquals(
        List.of(done.id()), engine.finished().stream().map(StoredEngine.Finished::id).toList());
    assertEquals(2, engine.nextCampaignCounter());
    assertEquals(21, engine.nextCallCounter());
    assertTrue(reopened.answer("key_live_1", "k").isPresent());
  }

  @Test
  void migrations_run_once_and_are_recorded() throws SQLException {
    open().close();
    open().close();
    open();
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version, name FROM schema_version ORDER BY version")) {
      assertTrue(rows.next());
      assertEquals(1, rows.getInt(1));
      assertEquals("V1__schema", rows.getString(2));
      assertTrue(rows.next());
      assertEquals(2, rows.getInt(1));
      assertEquals("V2__suppression", rows.getString(2));
      assertTrue(rows.next());
      assertEquals(3, rows.getInt(1));
      assertEquals("V3__local_hours", rows.getString(2));
      assertTrue(rows.next());
      assertEquals(4, rows.getInt(1));
      assertEquals("V4__expiry", rows.getString(2));
      assertTrue(rows.next());
      assertEquals(5, rows.getInt(1));
      assertEquals("V5__owner_epoch", rows.getString(2));
      assertTrue(rows.next());
      assertEquals(6, rows.getInt(1));
      assertEquals("V6__attempts", rows.getString(2));
      assertTrue(rows.next());
      assertEquals(7, rows.getInt(1));
      assertEquals("V7__key_leases", rows.getString(2));
      assertTrue(rows.next());
      assertEquals(8, rows.getInt(1));
      assertEquals("V8__key_engines", rows.getString(2));
      assertTrue(rows.next());
      assertEquals(9, rows.getInt(1));
      assertEquals("V9__relay", rows.getString(2));
      assertFalse(rows.next(), "one row per migration, however often the store opens");
    }
  }

  @Test
  void a_schema_newer_than_this_code_knows_is_refused() throws SQLException {
    open().close();
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO schema_version (version, name, applied_s) VALUES (99, 'V99__future', 0)");
    }
    StoreException refused = assertThrows(StoreException.class, this::openStore);
    assertTrue(refused.getMessage().contains("schema version 99"), refused.getMessage());
    assertTrue(refused.getMessage().contains("newer"), refused.getMessage());
  }

  @Test
  void a_campaigns_local_hours_policy_round_trips_and_older_campaigns_have_none() {
    CampaignStore store = open();
    StoredCampaign plain = Campaigns.minimal(0, 0, 2);
    StoredCampaign guarded = Campaigns.minimal(1, 2, 2);
    guarded = Campaigns.withOptions(guarded, LocalHoursPolicy.SKIP_UNKNOWN, null);
    store.commit(
        List.of(new StoreChange.Created(plain, null), new StoreChange.Created(guarded, null)));

    assertNull(store.campaign(plain.id()).orElseThrow().localHours());
    assertEquals(
        LocalHoursPolicy.SKIP_UNKNOWN, store.campaign(guarded.id()).orElseThrow().localHours());
  }

  // --- suppression lists

  private SuppressionStore suppression(CampaignStore store) {
    return (SuppressionStore) store;
  }

  @Test
  void suppressed_numbers_load_back_per_key_and_a_removed_one_is_gone() {
    SuppressionStore store = suppression(open());
    assertEquals(Map.of(), store.loadSuppressed());
    store.suppress("key_a", List.of("+447111000001", "+447111000002"), T0);
    store.suppress("key_b", List.of("+447111000001"), T0.plusNanos(1));
    store.unsuppress("key_a", "+447111000001");

    assertEquals(
        Map.of("key_a", Set.of("+447111000002"), "key_b", Set.of("+447111000001")),
        store.loadSuppressed());
  }

  @Test
  void suppressing_a_number_again_or_removing_one_absent_changes_nothing() {
    SuppressionStore store = suppression(open());
    store.suppress("key_a", List.of("+447111000001"), T0);
    store.suppress("key_a", List.of("+447111000001", "+447111000001", "+447111000003"), T0);
    store.unsuppress("key_a", "+447111000009");
    store.unsuppress("key_c", "+447111000001");
    store.suppress("key_a", List.of(), T0);

    assertEquals(Map.of("key_a", Set.of("+447111000001", "+447111000003")), store.loadSuppressed());
  }

  @Test
  void suppressed_numbers_survive_a_reopen() {
    try (CampaignStore store = openStore()) {
      suppression(store).suppress("key_a", List.of("+447111000001"), T0);
    }
    assertEquals(Map.of("key_a", Set.of("+447111000001")), suppression(open()).loadSuppressed());
  }

  @Test
  void a_store_made_by_schema_version_1_gains_the_suppression_table_when_opened()
      throws SQLException {
    open().close();
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement()) {
      // Back to what an Outdial of schema version 1 left.
      backToVersion5(statement);
      statement.executeUpdate("ALTER TABLE engine_meta DROP COLUMN owner_epoch");
      statement.executeUpdate("ALTER TABLE campaigns DROP COLUMN expires_n");
      statement.executeUpdate("ALTER TABLE campaigns DROP COLUMN expires_s");
      statement.executeUpdate("ALTER TABLE campaigns DROP COLUMN local_hours");
      statement.executeUpdate("DROP TABLE suppressed_numbers");
      statement.executeUpdate("DELETE FROM schema_version WHERE version >= 2");
    }
    SuppressionStore store = suppression(open());
    store.suppress("key_a", List.of("+447111000001"), T0);
    assertEquals(Map.of("key_a", Set.of("+447111000001")), store.loadSuppressed());
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement();
        ResultSet max = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      assertTrue(max.next());
      assertEquals(9, max.getInt(1));
    }
  }

  // --- one owner at a time: the owner epoch

  @Test
  void each_open_raises_the_owner_epoch_by_one() throws SQLException {
    open().close();
    assertEquals(1, ownerEpoch());
    open().close();
    assertEquals(2, ownerEpoch());
    open();
    assertEquals(3, ownerEpoch());
  }

  @Test
  void a_store_another_engine_took_over_fails_its_commit_and_keeps_nothing_of_the_batch()
      throws SQLException {
    CampaignStore store = open();
    StoredCampaign first = Campaigns.minimal(0, 0, 2);
    store.commit(List.of(new StoreChange.Created(first, null)));
    // What a second engine's open does; a real one is refused by the lock, which this fence backs
    // up for the instant the lock is lost unseen.
    bumpOwnerEpoch(1);

    StoredCampaign second = Campaigns.minimal(1, 2, 3);
    List<StoreChange> batch =
        List.of(
            new StoreChange.Secret(SECRET.clone()),
            new StoreChange.Created(second, Campaigns.answer(second.id(), "s")),
            new StoreChange.CallStarted(first.id(), 0, T0));
    StoreException refused = assertThrows(StoreException.class, () -> store.commit(batch));
    assertTookOver(store, refused);

    StoredEngine after = store.load();
    assertNull(after.secret());
    assertEquals(List.of(first), after.open());
    assertEquals(1, after.nextCampaignCounter());
    assertTrue(store.answer("key_live_1", "s").isEmpty());
  }

  @Test
  void a_store_that_lost_its_database_never_takes_it_back_even_if_the_epoch_returns()
      throws SQLException {
    CampaignStore store = open();
    bumpOwnerEpoch(1);
    StoredCampaign campaign = Campaigns.minimal(0, 0, 1);
    assertTookOver(
        store,
        assertThrows(
            StoreException.class,
            () -> store.commit(List.of(new StoreChange.Created(campaign, null)))));
    bumpOwnerEpoch(-1); // the number is ours again, but another engine may have run meanwhile

    assertTookOver(
        store,
        assertThrows(
            StoreException.class,
            () -> store.commit(List.of(new StoreChange.Created(campaign, null)))));
    assertTrue(store.load().open().isEmpty());
  }

  @Test
  void suppression_writes_are_fenced_too() throws SQLException {
    CampaignStore store = open();
    suppression(store).suppress("key_a", List.of("+447111000001"), T0);
    bumpOwnerEpoch(1);

    assertTookOver(
        store,
        assertThrows(
            StoreException.class,
            () -> suppression(store).suppress("key_a", List.of("+447111000002"), T0)));
    assertTookOver(
        store,
        assertThrows(
            StoreException.class, () -> suppression(store).unsuppress("key_a", "+447111000001")));
    assertEquals(Map.of("key_a", Set.of("+447111000001")), suppression(store).loadSuppressed());
  }

  @Test
  void a_store_made_by_schema_version_4_gains_the_owner_epoch_when_opened() throws SQLException {
    open().close();
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement()) {
      // Back to what an Outdial of schema version 4 left.
      backToVersion5(statement);
      statement.executeUpdate("ALTER TABLE engine_meta DROP COLUMN owner_epoch");
      statement.executeUpdate("DELETE FROM schema_version WHERE version >= 5");
    }
    CampaignStore store = open();
    assertEquals(1, ownerEpoch(), "the column starts at 0 and this open took 1");
    StoredCampaign campaign = Campaigns.minimal(0, 0, 1);
    store.commit(List.of(new StoreChange.Created(campaign, null)));
    assertEquals(List.of(campaign), store.load().open());
  }

  /** Undoes migrations V9 to V6 (their rows in schema_version stay for the caller to delete). */
  static void backToVersion5(Statement statement) throws SQLException {
    // V9, V8 and V7 made tables only on PostgreSQL.
    statement.executeUpdate("DROP TABLE IF EXISTS relay_requests");
    statement.executeUpdate("DROP INDEX IF EXISTS campaigns_by_key");
    statement.executeUpdate("DROP TABLE IF EXISTS key_engines");
    if (statement.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
      statement.executeUpdate("DROP SEQUENCE key_engine_ordinals");
    }
    statement.executeUpdate("DROP TABLE IF EXISTS key_leases");
    statement.executeUpdate("DROP TABLE IF EXISTS cluster_nodes");
    statement.executeUpdate("DROP TABLE attempts");
    statement.executeUpdate("ALTER TABLE recipients DROP COLUMN attempts");
    statement.executeUpdate("ALTER TABLE campaigns DROP COLUMN retry_min_delay_minutes");
    statement.executeUpdate("ALTER TABLE campaigns DROP COLUMN retry_max_attempts");
    statement.executeUpdate("ALTER TABLE campaigns DROP COLUMN retry_on");
  }

  private static void assertTookOver(CampaignStore store, StoreException refused) {
    String message = refused.getMessage();
    assertTrue(message.contains("another engine took over"), message);
    assertTrue(message.contains(store.describe()), message);
    assertTrue(message.contains("must stop"), message);
  }

  private long ownerEpoch() throws SQLException {
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT owner_epoch FROM engine_meta WHERE id = 1")) {
      assertTrue(row.next());
      return row.getLong(1);
    }
  }

  private void bumpOwnerEpoch(int by) throws SQLException {
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE engine_meta SET owner_epoch = owner_epoch + " + by);
    }
  }

  @Test
  void suppression_writes_from_other_threads_while_commits_run_all_succeed() throws Exception {
    CampaignStore store = open();
    int writers = 3;
    int perWriter = 40;
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String key = "key_" + w;
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perWriter; i++) {
                    String phone = "+4471110" + String.format("%05d", i);
                    suppression(store).suppress(key, List.of(phone), T0);
                    if (i % 2 == 1) {
                      suppression(store).unsuppress(key, phone);
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      // Meanwhile the engine's thread (this one) commits campaigns and their calls.
      for (int counter = 0; counter < 20; counter++) {
        StoredCampaign campaign = Campaigns.minimal(counter, counter * 50L, 50);
        store.commit(List.of(new StoreChange.Created(campaign, null)));
        store.commit(List.of(new StoreChange.CallStarted(campaign.id(), 0, T0)));
      }
      for (Future<?> writer : done) {
        writer.get(60, TimeUnit.SECONDS); // rethrows a writer's failure
      }
    } finally {
      threads.shutdownNow();
    }
    Map<String, Set<String>> lists = suppression(store).loadSuppressed();
    assertEquals(writers, lists.size());
    lists.values().forEach(list -> assertEquals(perWriter / 2, list.size()));
    assertEquals(20, store.load().open().size());
  }
}
