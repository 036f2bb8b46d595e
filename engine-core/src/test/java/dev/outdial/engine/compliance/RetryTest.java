package dev.outdial.engine.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallPage;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Problem;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.RetryPolicy;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, retries: a call that ended with a reason the campaign retries is followed by a new call
 * with its own id, no sooner than the minimum delay, inside the window, up to the maximum attempts;
 * the calls list shows every attempt and the campaign counts each recipient's final outcome once.
 */
class RetryTest {
  private static final String KEY = "key_a";
  // Monday 15 June 2026, 09:00 UTC.
  private static final Instant START = Instant.parse("2026-06-15T09:00:00Z");
  private static final Duration RING = Duration.ofSeconds(30);

  private final SettableClock clock = new SettableClock(START);

  /** Per number, the outcomes of its calls in order; the last one repeats. */
  private final Map<String, List<Outcome>> scripts = new HashMap<>();

  private final Map<String, Integer> callsTo = new HashMap<>();

  private final ScriptedDialer dialer =
      new ScriptedDialer(
          clock,
          call -> {
            int n = callsTo.merge(call.to(), 1, Integer::sum);
            List<Outcome> script =
                scripts.getOrDefault(call.to(), List.of(Outcome.noAnswerAfter(RING)));
            return script.get(Math.min(n, script.size()) - 1);
          });

  private OutdialEngine engine(@Nullable MemoryStore store) {
    OutdialEngine.Builder builder =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(5, 100.0, 10))
            .finishedRetention(Duration.ofDays(30));
    return store == null ? builder.build() : builder.store(store).build();
  }

  private static BatchCampaignRequest.Builder retrying(int count, int maxAttempts, int delay) {
    return Requests.now(count).retry(List.of("no_answer", "busy"), maxAttempts, delay);
  }

  private List<Instant> dialTimes(String phone) {
    return dialer.dialed().stream()
        .filter(d -> d.call().to().equals(phone))
        .map(ScriptedDialer.Dialed::at)
        .toList();
  }

  @Test
  void a_call_that_ended_no_answer_is_tried_again_as_a_new_call_after_the_minimum_delay() {
    OutdialEngine engine = engine(null);
    scripts.put(
        Requests.phone(0),
        List.of(Outcome.noAnswerAfter(RING), Outcome.answeredFor(Duration.ofSeconds(60))));
    String id = engine.create(KEY, retrying(1, 3, 30).build()).campaignId();
    Simulation simulation = new Simulation(clock, engine, dialer);

    simulation.runUntilIdle(START.plus(Duration.ofDays(1)));

    List<Instant> dials = dialTimes(Requests.phone(0));
    assertEquals(List.of(START, START.plus(RING).plus(Duration.ofMinutes(30))), dials);
    List<String> ids = dialer.dialed().stream().map(d -> d.call().callId()).toList();
    assertNotEquals(ids.get(0), ids.get(1));
    CampaignView view = engine.campaign(KEY, id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(2, view.attempts());
    assertEquals(1, view.callsByEndedReason().get(EndedReason.COMPLETED));
    assertEquals(0, view.callsByEndedReason().get(EndedReason.NO_ANSWER));
    assertEquals(1, view.callsByStatus().get(CallStatus.ENDED));
  }

  @Test
  void the_calls_list_shows_every_attempt_earlier_ones_first_each_with_its_own_id() {
    OutdialEngine engine = engine(null);
    scripts.put(
        Requests.phone(1),
        List.of(Outcome.busyAfter(RING), Outcome.answeredFor(Duration.ofSeconds(60))));
    scripts.put(Requests.phone(0), List.of(Outcome.answeredFor(Duration.ofSeconds(60))));
    String id = engine.create(KEY, retrying(2, 3, 10).build()).campaignId();
    new Simulation(clock, engine, dialer).runUntilIdle(START.plus(Duration.ofDays(1)));

    CallPage page = engine.calls(KEY, id, 0, 10);
    assertEquals(3, page.total());
    List<CallView> calls = page.calls();
    assertEquals(List.of(0, 1, 1), calls.stream().map(CallView::recipientIndex).toList());
    assertEquals(List.of(1, 1, 2), calls.stream().map(CallView::attempt).toList());
    assertEquals(
        List.of(EndedReason.COMPLETED, EndedReason.BUSY, EndedReason.COMPLETED),
        calls.stream().map(CallView::endedReason).toList());
    assertEquals(
        dialer.dialed().stream().map(d -> d.call().callId()).sorted().toList(),
        calls.stream().map(CallView::callId).sorted().toList());
    for (CallView call : calls) {
      assertEquals(call, engine.call(KEY, call.callId()), "each attempt is found by its id");
    }
    // Paged one row at a time, the same rows.
    List<CallView> oneByOne = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      oneByOne.addAll(engine.calls(KEY, id, offset, 1).calls());
    }
    assertEquals(calls, oneByOne);
  }

  @Test
  void a_recipient_gets_at_most_max_attempts_calls_and_ends_with_the_last_reason() {
    OutdialEngine engine = engine(null);
    String id = engine.create(KEY, retrying(2, 3, 5).build()).campaignId();
    new Simulation(clock, engine, dialer).runUntilIdle(START.plus(Duration.ofDays(2)));

    assertEquals(3, dialTimes(Requests.phone(0)).size());
    assertEquals(3, dialTimes(Requests.phone(1)).size());
    CampaignView view = engine.campaign(KEY, id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(6, view.attempts());
    assertEquals(2, view.callsByEndedReason().get(EndedReason.NO_ANSWER));
    assertEquals(6, engine.calls(KEY, id, 0, 100).total());
  }

  @Test
  void a_call_that_ended_with_a_reason_not_listed_is_not_tried_again() {
    OutdialEngine engine = engine(null);
    scripts.put(Requests.phone(0), List.of(Outcome.voicemailAfter(RING)));
    String id = engine.create(KEY, retrying(1, 3, 5).build()).campaignId();
    new Simulation(clock, engine, dialer).runUntilIdle(START.plus(Duration.ofDays(1)));

    assertEquals(1, dialTimes(Requests.phone(0)).size());
    assertEquals(
        1, engine.campaign(KEY, id).callsByEndedReason().get(EndedReason.VOICEMAIL_DETECTED));
  }

  @Test
  void a_retry_due_after_the_window_closes_waits_for_the_next_opening() {
    OutdialEngine engine = engine(null);
    // Window 09:00-09:30 UTC on weekdays; the first call ends at 09:00:30, the retry is due 10:00.
    BatchCampaignRequest request =
        retrying(1, 2, 60).timezone("Etc/UTC").window(9 * 60, 9 * 60 + 30).build();
    engine.create(KEY, request);
    new Simulation(clock, engine, dialer).runUntilIdle(START.plus(Duration.ofDays(3)));

    assertEquals(
        List.of(START, Instant.parse("2026-06-16T09:00:00Z")), dialTimes(Requests.phone(0)));
  }

  @Test
  void a_canceled_campaign_ends_its_recipients_waiting_for_a_retry_canceled_and_calls_nobody() {
    OutdialEngine engine = engine(null);
    String id = engine.create(KEY, retrying(1, 3, 60).build()).campaignId();
    Simulation simulation = new Simulation(clock, engine, dialer);
    simulation.runFor(Duration.ofMinutes(5)); // the first call ended no_answer; the retry waits
    assertEquals(1, engine.campaign(KEY, id).callsByStatus().get(CallStatus.QUEUED));

    engine.cancel(KEY, id);
    simulation.runUntilIdle(START.plus(Duration.ofDays(1)));

    assertEquals(1, dialTimes(Requests.phone(0)).size());
    CampaignView view = engine.campaign(KEY, id);
    assertEquals(CampaignStatus.CANCELED, view.status());
    assertEquals(1, view.callsByEndedReason().get(EndedReason.CANCELED));
    List<CallView> calls = engine.calls(KEY, id, 0, 10).calls();
    assertEquals(
        List.of(EndedReason.NO_ANSWER, EndedReason.CANCELED),
        calls.stream().map(CallView::endedReason).toList());
  }

  @Test
  void a_campaign_that_expires_while_a_retry_waits_ends_it_expired() {
    OutdialEngine engine = engine(null);
    Instant expiry = START.plus(Duration.ofMinutes(30));
    String id = engine.create(KEY, retrying(1, 3, 60).expiresAt(expiry).build()).campaignId();
    new Simulation(clock, engine, dialer).runUntilIdle(START.plus(Duration.ofDays(1)));

    assertEquals(1, dialTimes(Requests.phone(0)).size());
    CampaignView view = engine.campaign(KEY, id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(1, view.callsByEndedReason().get(EndedReason.EXPIRED));
  }

  @Test
  void a_late_second_end_report_of_an_earlier_attempt_does_not_end_the_next_one() {
    OutdialEngine engine = engine(null);
    scripts.put(Requests.phone(0), List.of(Outcome.noAnswerAfter(RING), Outcome.neverReports()));
    String id = engine.create(KEY, retrying(1, 3, 1).build()).campaignId();
    Simulation simulation = new Simulation(clock, engine, dialer);
    simulation.runFor(Duration.ofMinutes(2)); // attempt 2 in progress
    List<ScriptedDialer.Dialed> dials = dialer.dialed();
    assertEquals(2, dials.size());

    dials.get(0).ends().callEnded(dials.get(0).call().callId(), EndedReason.COMPLETED, null);
    engine.runDue();

    CallView latest = engine.call(KEY, dials.get(1).call().callId());
    assertEquals(CallStatus.IN_PROGRESS, latest.status());
    assertEquals(2, latest.attempt());
    assertEquals(
        EndedReason.NO_ANSWER, engine.call(KEY, dials.get(0).call().callId()).endedReason());
    assertEquals(CampaignStatus.RUNNING, engine.campaign(KEY, id).status());
  }

  @Test
  void a_call_the_dialer_could_not_place_is_no_attempt() {
    OutdialEngine engine = engine(null);
    String id = engine.create(KEY, retrying(1, 2, 1).build()).campaignId();
    engine.runDue();
    ScriptedDialer.Dialed first = dialer.dialed().get(0);
    first.ends().notPlaced(first.call().callId(), "the provider refused the account");
    engine.runDue();
    first.ends().dialerAvailable();
    Simulation simulation = new Simulation(clock, engine, dialer);
    simulation.runUntilIdle(START.plus(Duration.ofDays(1)));

    // Not placed, then two real attempts: the cap of two attempts counts only those.
    assertEquals(3, dialTimes(Requests.phone(0)).size());
    assertEquals(2, engine.campaign(KEY, id).attempts());
    assertEquals(first.call().callId(), dialer.dialed().get(1).call().callId());
  }

  @Test
  void a_retry_waiting_across_a_restart_comes_back_not_before_its_delay_and_keeps_its_history() {
    MemoryStore store = new MemoryStore();
    OutdialEngine before = engine(store);
    scripts.put(
        Requests.phone(0),
        List.of(Outcome.noAnswerAfter(RING), Outcome.answeredFor(Duration.ofSeconds(60))));
    String id = before.create(KEY, retrying(1, 3, 30).build()).campaignId();
    new Simulation(clock, before, dialer).runFor(Duration.ofMinutes(5));
    // A crash: the engine is dropped, not closed.

    OutdialEngine after = engine(store);
    assertEquals(1, after.campaign(KEY, id).callsByStatus().get(CallStatus.QUEUED));
    new Simulation(clock, after, dialer).runUntilIdle(START.plus(Duration.ofDays(1)));

    assertEquals(
        List.of(START, START.plus(RING).plus(Duration.ofMinutes(30))),
        dialTimes(Requests.phone(0)));
    List<CallView> calls = after.calls(KEY, id, 0, 10).calls();
    assertEquals(
        List.of(EndedReason.NO_ANSWER, EndedReason.COMPLETED),
        calls.stream().map(CallView::endedReason).toList());
    assertEquals(2, after.campaign(KEY, id).attempts());
    assertEquals(CampaignStatus.COMPLETED, after.campaign(KEY, id).status());
  }

  @Test
  void a_recipient_canceled_while_waiting_for_a_retry_keeps_its_earlier_attempt_after_a_restart() {
    MemoryStore store = new MemoryStore();
    OutdialEngine before = engine(store);
    String id = before.create(KEY, retrying(1, 3, 60).build()).campaignId();
    Simulation simulation = new Simulation(clock, before, dialer);
    simulation.runFor(Duration.ofMinutes(5)); // attempt 1 ended no_answer; the retry waits
    before.cancel(KEY, id);
    simulation.runFor(Duration.ofMinutes(1));
    List<CallView> shown = before.calls(KEY, id, 0, 10).calls();
    assertEquals(
        List.of(EndedReason.NO_ANSWER, EndedReason.CANCELED),
        shown.stream().map(CallView::endedReason).toList());
    assertEquals(1, before.campaign(KEY, id).attempts());
    // A crash: the engine is dropped, not closed.

    OutdialEngine after = engine(store);

    assertEquals(shown, after.calls(KEY, id, 0, 10).calls(), "the no_answer attempt is kept");
    assertEquals(1, after.campaign(KEY, id).attempts());
  }

  @Test
  void a_recipient_expired_while_waiting_for_a_retry_keeps_its_earlier_attempt_after_a_restart() {
    MemoryStore store = new MemoryStore();
    OutdialEngine before = engine(store);
    Instant expiry = START.plus(Duration.ofMinutes(30));
    String id = before.create(KEY, retrying(1, 3, 60).expiresAt(expiry).build()).campaignId();
    new Simulation(clock, before, dialer).runUntilIdle(START.plus(Duration.ofHours(2)));
    List<CallView> shown = before.calls(KEY, id, 0, 10).calls();
    assertEquals(2, shown.size());

    OutdialEngine after = engine(store);

    assertEquals(shown, after.calls(KEY, id, 0, 10).calls(), "the no_answer attempt is kept");
    assertEquals(1, after.campaign(KEY, id).attempts());
  }

  @Test
  void a_retry_object_with_wrong_values_is_refused_naming_each_field() {
    OutdialEngine engine = engine(null);
    BatchCampaignRequest request =
        Requests.now(1)
            .retry(new BatchCampaignRequest.Retry(List.of("completed", "busy"), 1, 0))
            .build();
    RejectedException refused =
        assertThrows(RejectedException.class, () -> engine.create(KEY, request));
    assertEquals(ErrorCode.INVALID_FIELD, refused.rejection().code());
    assertEquals(
        List.of("retry.on[0]", "retry.max_attempts", "retry.min_delay_minutes"),
        refused.rejection().problems().stream().map(Problem::field).toList());
    BatchCampaignRequest missing =
        Requests.now(1).retry(new BatchCampaignRequest.Retry(null, null, null)).build();
    RejectedException absent =
        assertThrows(RejectedException.class, () -> engine.create(KEY, missing));
    assertEquals(
        List.of("retry.on", "retry.max_attempts", "retry.min_delay_minutes"),
        absent.rejection().problems().stream().map(Problem::field).toList());
    assertTrue(engine.openCampaigns().isEmpty(), "nothing was created");
  }

  @Test
  void a_campaign_without_retry_calls_each_recipient_once_and_shows_no_policy() {
    OutdialEngine engine = engine(null);
    String id = engine.create(KEY, Requests.now(2).build()).campaignId();
    new Simulation(clock, engine, dialer).runUntilIdle(START.plus(Duration.ofDays(1)));

    assertEquals(2, dialer.dialed().size());
    CampaignView view = engine.campaign(KEY, id);
    assertEquals(null, view.retry());
    assertEquals(2, view.attempts());
    assertFalse(engine.calls(KEY, id, 0, 10).calls().stream().anyMatch(c -> c.attempt() != 1));
  }

  @Test
  void the_policy_refuses_what_it_cannot_honour() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Set.of(EndedReason.COMPLETED), 2, Duration.ofMinutes(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Set.of(EndedReason.BUSY), 11, Duration.ofMinutes(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(Set.of(EndedReason.BUSY), 2, Duration.ofSeconds(90)));
  }
}
