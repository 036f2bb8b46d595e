package dev.outdial.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallPage;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.IdempotentCreate;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a durable engine dropped without closing (a crash) and built again on the same store
 * brings back everything it acknowledged, and never dials a recipient twice.
 */
class RestartTest {
  private static final String KEY = "key_a";
  // A Monday, 10:00 in London.
  private static final Instant START = Instant.parse("2026-06-15T09:00:00Z");

  private final SettableClock clock = new SettableClock(START);
  private final MemoryStore store = new MemoryStore();
  private final Provider provider = new Provider();

  private OutdialEngine engine(int maxConcurrent) {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(provider.dialer())
        .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
        .defaultLimits(new KeyLimits(maxConcurrent, 100.0, 10))
        .store(store)
        .build();
  }

  private static BatchCampaignRequest now(int first, int count) {
    return Requests.now(0).recipients(Requests.recipients(first, count)).build();
  }

  private List<CallView> calls(OutdialEngine engine, String campaignId) {
    CallPage page = engine.calls(KEY, campaignId, 0, 1000);
    return page.calls();
  }

  @Test
  void a_campaign_answered_before_a_crash_comes_back_with_its_id_status_and_recipients() {
    OutdialEngine first = engine(2);
    CampaignCreated running = first.create(KEY, now(0, 5));
    CampaignCreated scheduled =
        first.create(
            KEY,
            Requests.now(0)
                .recipients(Requests.recipients(100, 3))
                .scheduledFor(LocalDate.of(2026, 6, 20))
                .window(9 * 60, 17 * 60)
                .windowDays(List.of("mon", "tue", "wed", "thu", "fri"))
                .timezone("Europe/London")
                .build());
    first.runDue();
    CampaignView before = first.campaign(KEY, running.campaignId());
    CampaignView scheduledBefore = first.campaign(KEY, scheduled.campaignId());

    OutdialEngine second = engine(2); // the first is dropped, not closed: a crash

    CampaignView after = second.campaign(KEY, scheduled.campaignId());
    assertEquals(scheduledBefore, after);
    assertEquals(CampaignStatus.SCHEDULED, after.status());
    CampaignView runningAfter = second.campaign(KEY, running.campaignId());
    assertEquals(before.campaignId(), runningAfter.campaignId());
    assertEquals(before.createdAt(), runningAfter.createdAt());
    assertEquals(5, runningAfter.totalCalls());
    assertEquals(2, second.recovery().campaigns());
    assertEquals(6, second.recovery().recipientsWaiting()); // 3 queued + 3 scheduled
    assertEquals(2, second.recovery().callsAdopted()); // both calls were still up
  }

  @Test
  void a_recipient_whose_call_was_started_is_never_dialled_again_after_a_crash() {
    provider.reconcile = call -> CallFate.unknown("the provider cannot say");
    OutdialEngine first = engine(2);
    String id = first.create(KEY, now(0, 4)).campaignId();
    first.runDue();
    assertEquals(2, provider.created.size());
    provider.endAll(EndedReason.COMPLETED, false); // they end while no engine runs

    OutdialEngine second = engine(2);
    second.runDue();

    assertEquals(2, second.recovery().callsUnknown());
    List<CallView> calls = calls(second, id);
    assertEquals(EndedReason.ERROR, calls.get(0).endedReason());
    assertTrue(calls.get(0).detail().startsWith("in doubt after a restart"), calls.get(0).detail());
    assertEquals(4, provider.created.size(), "the other two are dialled");
    assertEquals(Set.of(1), Set.copyOf(provider.createdPerNumber.values()), "nobody twice");
  }

  @Test
  void a_call_still_up_after_a_restart_is_adopted_and_keeps_its_slot_until_it_ends() {
    OutdialEngine first = engine(1);
    String id = first.create(KEY, now(0, 2)).campaignId();
    first.runDue();
    String callId = provider.created.get(0).callId();

    OutdialEngine second = engine(1);
    second.runDue();
    assertEquals(1, second.recovery().callsAdopted());
    assertEquals(1, provider.created.size(), "its slot is still taken");
    assertEquals(CallStatus.IN_PROGRESS, second.call(KEY, callId).status());

    provider.end(callId, EndedReason.COMPLETED, true);
    second.runDue();

    assertEquals(EndedReason.COMPLETED, second.call(KEY, callId).endedReason());
    assertEquals(2, provider.created.size());
    assertEquals(1, provider.mostUpPerKey.get(KEY));
    assertEquals(CallStatus.IN_PROGRESS, calls(second, id).get(1).status());
  }

  @Test
  void a_call_that_ended_while_the_engine_was_down_ends_with_the_providers_reason() {
    OutdialEngine first = engine(1);
    first.create(KEY, now(0, 1));
    first.runDue();
    String callId = provider.created.get(0).callId();
    provider.end(callId, EndedReason.BUSY, false);

    OutdialEngine second = engine(1);

    assertEquals(1, second.recovery().callsEnded());
    CallView call = second.call(KEY, callId);
    assertEquals(EndedReason.BUSY, call.endedReason());
    assertEquals("ended while the engine was down", call.detail());
  }

  @Test
  void a_scheduled_campaign_that_fell_due_while_the_engine_was_down_fires_at_once() {
    OutdialEngine first = engine(2);
    String id =
        first
            .create(
                KEY,
                Requests.now(0)
                    .recipients(Requests.recipients(0, 1))
                    .scheduledFor(LocalDate.of(2026, 6, 16))
                    .timezone("Europe/London")
                    .build())
            .campaignId();
    clock.set(Instant.parse("2026-06-17T12:00:00Z")); // down over its date

    OutdialEngine second = engine(2);
    second.runDue();

    assertEquals(CampaignStatus.RUNNING, second.campaign(KEY, id).status());
    assertEquals(1, provider.created.size());
    assertEquals(clock.instant(), calls(second, id).get(0).startedAt());
  }

  @Test
  void ids_are_never_made_twice_across_restarts() {
    OutdialEngine first = engine(5);
    Set<String> campaignIds = new HashSet<>();
    campaignIds.add(first.create(KEY, now(0, 3)).campaignId());
    first.runDue();
    provider.endAll(EndedReason.COMPLETED, true);
    first.runDue();

    OutdialEngine second = engine(5);
    campaignIds.add(second.create(KEY, now(10, 3)).campaignId());
    second.runDue();
    provider.endAll(EndedReason.COMPLETED, true);
    second.runDue();
    OutdialEngine third = engine(5);
    campaignIds.add(third.create(KEY, now(20, 3)).campaignId());
    third.runDue();

    assertEquals(3, campaignIds.size());
    Set<String> callIds = new HashSet<>();
    provider.created.forEach(call -> callIds.add(call.callId()));
    assertEquals(9, provider.created.size());
    assertEquals(9, callIds.size());
    for (String campaignId : campaignIds) {
      assertEquals(3, third.campaign(KEY, campaignId).totalCalls());
    }
  }

  @Test
  void the_first_answer_of_an_idempotent_create_is_given_again_after_a_restart() {
    OutdialEngine first = engine(2);
    byte[] fingerprint = "sha".getBytes(StandardCharsets.UTF_8);
    CampaignCreated created =
        first.create(
            KEY,
            now(0, 2),
            new IdempotentCreate(
                "retry-1", fingerprint, c -> c.campaignId().getBytes(StandardCharsets.UTF_8)));

    OutdialEngine second = engine(2);
    StoredAnswer answer = second.firstAnswer(KEY, "retry-1").orElseThrow();

    assertEquals(created.campaignId(), new String(answer.answer(), StandardCharsets.UTF_8));
    assertEquals("sha", new String(answer.fingerprint(), StandardCharsets.UTF_8));
    assertTrue(second.firstAnswer("key_b", "retry-1").isEmpty(), "scoped by API key");
  }

  @Test
  void pause_and_cancel_answered_before_a_crash_hold_after_it() {
    OutdialEngine first = engine(1);
    String paused = first.create(KEY, now(0, 3)).campaignId();
    String canceled = first.create(KEY, now(10, 3)).campaignId();
    first.runDue();
    first.pause(KEY, paused);
    first.cancel(KEY, canceled);

    OutdialEngine second = engine(1);
    provider.endAll(EndedReason.COMPLETED, true);
    second.runDue();

    assertEquals(CampaignStatus.PAUSED, second.campaign(KEY, paused).status());
    CampaignView view = second.campaign(KEY, canceled);
    assertEquals(CampaignStatus.CANCELED, view.status());
    assertEquals(3, view.callsByEndedReason().get(EndedReason.CANCELED));
    assertEquals(1, provider.created.size(), "only the first call of the paused one");
  }

  @Test
  void a_finished_campaign_is_read_from_the_store_until_its_retention_ends() {
    OutdialEngine first = engine(2);
    String id = first.create(KEY, now(0, 2)).campaignId();
    first.runDue();
    provider.endAll(EndedReason.COMPLETED, true);
    first.runDue();
    assertEquals(CampaignStatus.COMPLETED, first.campaign(KEY, id).status());

    OutdialEngine second = engine(2);
    assertEquals(1, second.recovery().finished());
    assertEquals(CampaignStatus.COMPLETED, second.campaign(KEY, id).status());
    String callId = provider.created.get(1).callId();
    assertEquals(EndedReason.COMPLETED, second.call(KEY, callId).endedReason());

    clock.advance(Duration.ofHours(25));
    second.runDue();
    RejectedException gone = assertThrows(RejectedException.class, () -> second.campaign(KEY, id));
    assertEquals(ErrorCode.NOT_FOUND, gone.rejection().code());
    assertTrue(store.campaign(id).isEmpty(), "dropped from the store too");
  }

  @Test
  void a_create_whose_commit_fails_creates_nothing_and_says_so() {
    OutdialEngine engine = engine(2);
    store.failNextCommit(MemoryStore.Failure.BEFORE);

    assertThrows(StoreException.class, () -> engine.create(KEY, now(0, 2)));
    engine.runDue();

    assertEquals(0, engine.openCampaigns().size());
    assertEquals(0, provider.created.size());
    assertEquals(0, engine(2).openCampaigns().size(), "nothing at restart either");
  }

  @Test
  void a_store_that_fails_stops_dialling_until_a_commit_succeeds() {
    OutdialEngine engine = engine(1);
    String id = engine.create(KEY, now(0, 2)).campaignId();
    engine.runDue();
    store.cutOff();
    provider.endAll(EndedReason.COMPLETED, true);
    engine.runDue();
    assertEquals(1, provider.created.size(), "no dial whose intent cannot be committed");
    Instant retry = engine.nextDeadline().orElseThrow();
    assertTrue(retry.isAfter(clock.instant()), "no busy loop: " + retry);

    store.heal();
    clock.set(retry);
    engine.runDue();

    assertEquals(2, provider.created.size());
    assertNull(calls(engine, id).get(1).endedReason());
    OutdialEngine restarted = engine(1);
    assertEquals(EndedReason.COMPLETED, calls(restarted, id).get(0).endedReason());
    assertNotEquals(0, store.commits());
  }

  @Test
  void a_dialers_detail_holding_a_nul_character_is_kept_with_a_replacement_character() {
    OutdialEngine engine = engine(1);
    engine.create(KEY, now(0, 1));
    engine.runDue();
    String callId = provider.created.get(0).callId();

    provider.up.get(callId).ends().callEnded(callId, EndedReason.ERROR, "bad\u0000byte");
    engine.runDue();

    assertEquals("bad\uFFFDbyte", engine(1).call(KEY, callId).detail());
  }

  @Test
  void a_create_whose_commit_failed_after_it_took_effect_runs_once_its_answer_is_asked_for() {
    OutdialEngine engine = engine(5);
    IdempotentCreate retry =
        new IdempotentCreate(
            "retry-2",
            "sha".getBytes(StandardCharsets.UTF_8),
            c -> c.campaignId().getBytes(StandardCharsets.UTF_8));
    store.failNextCommit(MemoryStore.Failure.AFTER);
    assertThrows(StoreException.class, () -> engine.create(KEY, now(0, 2), retry));
    String later = engine.create(KEY, now(10, 1)).campaignId(); // its counter follows

    StoredAnswer answer = engine.firstAnswer(KEY, "retry-2").orElseThrow();
    String id = new String(answer.answer(), StandardCharsets.UTF_8);
    engine.runDue();

    assertEquals(2, engine.campaign(KEY, id).totalCalls());
    assertEquals(3, provider.created.size(), "both of its recipients are dialled, once");
    assertEquals(later, engine.campaign(KEY, later).campaignId());
    OutdialEngine restarted = engine(5);
    restarted.runDue();
    assertEquals(2, restarted.openCampaigns().size());
    assertEquals(Set.of(1), Set.copyOf(provider.createdPerNumber.values()));
  }
}
