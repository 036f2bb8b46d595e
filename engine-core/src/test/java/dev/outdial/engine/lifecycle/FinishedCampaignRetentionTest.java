package dev.outdial.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.SettableClock;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, fault 7: a finished campaign (completed or canceled, no call left in progress) is kept
 * for the retention, then dropped — it and its calls answer {@code not_found} — and nothing in the
 * engine keeps it in memory; {@code openCampaigns()} lists the open ones only.
 */
class FinishedCampaignRetentionTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");
  private static final String KEY = "key_a";
  private static final Duration DAY = Duration.ofHours(24);
  private static final LocalDate FAR = LocalDate.parse("2099-01-01");

  private final SettableClock clock = new SettableClock(T0);
  private final List<OutboundCall> inProgress = new ArrayList<>();

  /** Ends every call the moment it is dialled, keeping nothing (so it holds no campaign). */
  private static final Dialer ENDS_AT_ONCE =
      new Dialer() {
        @Override
        public void dial(OutboundCall call, CallEndSink ends) {
          ends.callEnded(call.callId(), EndedReason.COMPLETED);
        }

        @Override
        public void hangUp(String callId) {}
      };

  /** Keeps every call in progress until the test ends it. */
  private final Dialer holds =
      new Dialer() {
        @Override
        public void dial(OutboundCall call, CallEndSink ends) {
          inProgress.add(call);
          sinks.add(ends);
        }

        @Override
        public void hangUp(String callId) {}
      };

  private final List<CallEndSink> sinks = new ArrayList<>();

  private OutdialEngine.Builder builder(Dialer dialer) {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(dialer)
        .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
        .defaultLimits(new KeyLimits(100_000, 1_000_000.0, 100_000)) // all dial at once
        .maxCallDuration(Duration.ofHours(3));
  }

  private static void assertNotFound(Runnable read) {
    RejectedException e = assertThrows(RejectedException.class, read::run);
    assertEquals(ErrorCode.NOT_FOUND, e.code());
  }

  private void at(OutdialEngine engine, Instant instant) {
    clock.set(instant);
    engine.runDue();
  }

  @Test
  void a_finished_campaign_its_calls_and_a_call_by_id_answer_not_found_after_24_hours() {
    OutdialEngine engine = builder(ENDS_AT_ONCE).build();
    String id = engine.create(KEY, Requests.now(3).build()).campaignId();
    engine.runDue();
    String callId = engine.calls(KEY, id, 0, 1).calls().get(0).callId();
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status());

    at(engine, T0.plus(DAY).minusMillis(1));
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status(), "kept 24 h");
    assertEquals(3, engine.calls(KEY, id, 0, 10).calls().size());
    assertEquals(CallStatus.ENDED, engine.call(KEY, callId).status());

    at(engine, T0.plus(DAY));
    assertNotFound(() -> engine.campaign(KEY, id));
    assertNotFound(() -> engine.calls(KEY, id, 0, 10));
    assertNotFound(() -> engine.call(KEY, callId));
    assertNotFound(() -> engine.cancel(KEY, id));
  }

  @Test
  void a_canceled_campaign_is_kept_for_24_hours_from_the_end_of_its_last_call() {
    OutdialEngine engine = builder(holds).build();
    String id = engine.create(KEY, Requests.now(3).build()).campaignId();
    engine.runDue();
    assertEquals(3, inProgress.size());
    engine.cancel(KEY, id);
    Instant lastEnd = T0.plus(Duration.ofHours(2));

    at(engine, T0.plus(Duration.ofHours(1)));
    sinks.get(0).callEnded(inProgress.get(0).callId(), EndedReason.COMPLETED);
    sinks.get(1).callEnded(inProgress.get(1).callId(), EndedReason.COMPLETED);
    engine.runDue();
    at(engine, lastEnd);
    sinks.get(2).callEnded(inProgress.get(2).callId(), EndedReason.NO_ANSWER);
    engine.runDue();
    assertEquals(Optional.of(lastEnd.plus(DAY)), engine.nextDeadline(), "the drop is a deadline");

    at(engine, T0.plus(DAY).plus(Duration.ofHours(1)));
    assertEquals(CampaignStatus.CANCELED, engine.campaign(KEY, id).status(), "counted from 2 h");
    assertEquals(EndedReason.NO_ANSWER, engine.call(KEY, inProgress.get(2).callId()).endedReason());

    at(engine, lastEnd.plus(DAY));
    assertNotFound(() -> engine.campaign(KEY, id));
    assertNotFound(() -> engine.call(KEY, inProgress.get(2).callId()));
    assertEquals(Optional.empty(), engine.nextDeadline());
  }

  @Test
  void fifty_thousand_finished_campaigns_leave_the_heap_and_open_campaigns_lists_only_open_ones() {
    OutdialEngine engine = builder(ENDS_AT_ONCE).build();
    List<Reference<String>> finishedPrompts = new ArrayList<>();
    List<String> finished = new ArrayList<>();
    List<String> open = new ArrayList<>();
    List<Reference<String>> openPrompts = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String prompt = "Remind patient " + i + " of the check-up."; // one instance per campaign
      finishedPrompts.add(new WeakReference<>(prompt));
      if (i % 2 == 0) { // completes: its one call ends as it is dialled
        finished.add(engine.create(KEY, Requests.now(1).prompt(prompt).build()).campaignId());
      } else { // canceled before its date
        String id =
            engine
                .create(KEY, Requests.now(1).prompt(prompt).scheduledFor(FAR).build())
                .campaignId();
        engine.cancel(KEY, id);
        finished.add(id);
      }
      if (i % 10_000 == 0) { // a few stay open, and keep their prompts
        String keptPrompt = "Still open " + i;
        openPrompts.add(new WeakReference<>(keptPrompt));
        open.add(
            engine
                .create(KEY, Requests.now(1).prompt(keptPrompt).scheduledFor(FAR).build())
                .campaignId());
      }
    }
    engine.runDue();
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, finished.get(0)).status());

    at(engine, T0.plus(DAY));

    List<String> listed = engine.openCampaigns().stream().map(CampaignView::campaignId).toList();
    assertEquals(open.size(), listed.size(), "openCampaigns() lists the open ones only");
    assertEquals(open, listed);
    for (String id : finished) {
      assertNotFound(() -> engine.campaign(KEY, id));
    }
    open.forEach(id -> assertEquals(CampaignStatus.SCHEDULED, engine.campaign(KEY, id).status()));
    awaitCollected(finishedPrompts);
    assertTrue(
        openPrompts.stream().allMatch(prompt -> prompt.get() != null),
        "the open campaigns, still held, keep their prompts");
    Reference.reachabilityFence(engine);
  }

  @Test
  void the_retention_is_configurable_and_counted_from_the_finishing_instant() {
    OutdialEngine engine = builder(ENDS_AT_ONCE).finishedRetention(Duration.ofMinutes(5)).build();
    String id = engine.create(KEY, Requests.now(2).build()).campaignId();
    engine.runDue();
    assertEquals(Optional.of(T0.plus(Duration.ofMinutes(5))), engine.nextDeadline());

    clock.set(T0.plus(Duration.ofMinutes(5)).minusMillis(1));
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status());
    clock.set(T0.plus(Duration.ofMinutes(5)));
    assertNotFound(() -> engine.campaign(KEY, id)); // a read at the instant needs no pass first
    engine.runDue();
    assertEquals(Optional.empty(), engine.nextDeadline());
  }

  @Test
  void a_zero_retention_drops_a_finished_campaign_at_the_end_of_the_pass_it_finished_in() {
    OutdialEngine engine = builder(ENDS_AT_ONCE).finishedRetention(Duration.ZERO).build();
    String completed = engine.create(KEY, Requests.now(2).build()).campaignId();
    String canceled = engine.create(KEY, Requests.now(1).scheduledFor(FAR).build()).campaignId();

    assertEquals(CampaignStatus.CANCELED, engine.cancel(KEY, canceled).status(), "answered");
    engine.runDue();

    assertNotFound(() -> engine.campaign(KEY, completed));
    assertNotFound(() -> engine.campaign(KEY, canceled));
    assertEquals(List.of(), engine.openCampaigns());
    assertEquals(Optional.empty(), engine.nextDeadline());
  }

  @Test
  void an_open_campaign_is_never_dropped_however_long_it_waits() {
    OutdialEngine engine = builder(holds).finishedRetention(Duration.ZERO).build();
    String scheduled = engine.create(KEY, Requests.now(1).scheduledFor(FAR).build()).campaignId();
    String paused = engine.create(KEY, Requests.now(3).build()).campaignId();
    engine.runDue();
    engine.pause(KEY, paused);
    String canceledWithCallsInProgress = engine.create(KEY, Requests.now(1).build()).campaignId();
    engine.runDue();
    engine.cancel(KEY, canceledWithCallsInProgress);

    at(engine, T0.plus(Duration.ofMinutes(170)));

    assertEquals(CampaignStatus.SCHEDULED, engine.campaign(KEY, scheduled).status());
    assertEquals(CampaignStatus.PAUSED, engine.campaign(KEY, paused).status());
    assertEquals(
        CampaignStatus.CANCELED,
        engine.campaign(KEY, canceledWithCallsInProgress).status(),
        "not finished while a call is in progress");
    assertEquals(
        List.of(scheduled, paused),
        engine.openCampaigns().stream().map(CampaignView::campaignId).toList());
  }

  @Test
  void the_retention_must_not_be_negative() {
    OutdialEngine.Builder builder = builder(ENDS_AT_ONCE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.finishedRetention(Duration.ofSeconds(-1)));
    assertEquals("finishedRetention must not be negative, was PT-1S", e.getMessage());
    assertThrows(NullPointerException.class, () -> builder.finishedRetention(null));
  }

  @Test
  void a_campaign_canceled_while_waiting_for_its_window_leaves_memory_before_the_window_opens() {
    OutdialEngine engine = builder(ENDS_AT_ONCE).finishedRetention(Duration.ZERO).build();
    String prompt = new String("Waits for 09:00");
    Reference<String> kept = new WeakReference<>(prompt);
    String id =
        engine
            .create(KEY, Requests.now(1).prompt(prompt).timezone("UTC").window(540, 600).build())
            .campaignId();
    prompt = null;
    engine.create(KEY, Requests.now(1).timezone("UTC").window(780, 840).build()); // opens sooner
    engine.runDue();
    assertEquals(Optional.of(Instant.parse("2026-06-10T13:00:00Z")), engine.nextDeadline());

    engine.cancel(KEY, id);
    engine.runDue();

    assertNotFound(() -> engine.campaign(KEY, id));
    assertEquals(Optional.of(Instant.parse("2026-06-10T13:00:00Z")), engine.nextDeadline());
    awaitCollected(List.of(kept)); // its timer for tomorrow 09:00 no longer holds it
    Reference.reachabilityFence(engine);
  }

  @Test
  void a_campaign_canceled_while_waiting_for_its_turn_leaves_memory_while_others_dial() {
    OutdialEngine engine =
        builder(holds)
            .defaultLimits(new KeyLimits(1, 1.0, 1))
            .finishedRetention(Duration.ZERO)
            .build();
    engine.create(KEY, Requests.now(1).build());
    String prompt = new String("Waits for a free slot");
    Reference<String> kept = new WeakReference<>(prompt);
    String waiting = engine.create(KEY, Requests.now(1).prompt(prompt).build()).campaignId();
    prompt = null;
    engine.runDue();
    assertEquals(1, inProgress.size(), "the first holds the key's only slot");

    engine.cancel(KEY, waiting);
    engine.runDue();

    assertNotFound(() -> engine.campaign(KEY, waiting));
    awaitCollected(List.of(kept));
    Reference.reachabilityFence(engine);
  }

  @Test
  void a_member_dropped_before_its_cohort_fires_leaves_the_others_to_fire() {
    OutdialEngine engine = builder(ENDS_AT_ONCE).finishedRetention(Duration.ofHours(1)).build();
    LocalDate date = LocalDate.parse("2026-06-12");
    Instant firing = Instant.parse("2026-06-11T23:00:00Z"); // the date's first instant in London
    String launched = engine.create(KEY, Requests.now(1).scheduledFor(date).build()).campaignId();
    String waits = engine.create(KEY, Requests.now(2).scheduledFor(date).build()).campaignId();
    engine.launch(KEY, launched);
    engine.runDue();
    at(engine, T0.plus(Duration.ofHours(1)));
    assertNotFound(() -> engine.campaign(KEY, launched)); // completed, dropped before the firing

    at(engine, firing);

    CampaignView fired = engine.campaign(KEY, waits);
    assertEquals(CampaignStatus.COMPLETED, fired.status());
    assertEquals(2, fired.callsByEndedReason().get(EndedReason.COMPLETED));
    assertEquals(Optional.of(firing.plus(Duration.ofHours(1))), engine.nextDeadline());
  }

  /**
   * Waits, up to a deadline, until every referent is collected. A full collection ({@code
   * System.gc()} without flags that disable it) clears every weakly reachable object, so a referent
   * still reachable from the engine is never cleared and the wait fails; the deadline only allows
   * for a collector that needs a few rounds.
   */
  private static void awaitCollected(List<Reference<String>> refs) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      System.gc();
      long left = refs.stream().filter(ref -> !ref.refersTo(null)).count();
      if (left == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail(left + " of " + refs.size() + " dropped campaigns are still in memory");
      }
    }
  }
}
