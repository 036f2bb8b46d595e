package dev.outdial.engine.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.RecordingListener;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, expiry: recipients not dialled by a campaign's {@code expires_at} end {@code expired}
 * without a call, nothing is dialled after it, and calls in progress end as they do.
 */
class ExpiryTest {
  private static final String KEY = "key_a";
  // Monday 15 June 2026, 09:00 UTC.
  private static final Instant START = Instant.parse("2026-06-15T09:00:00Z");
  private static final Duration CALL = Duration.ofSeconds(10);

  private final SettableClock clock = new SettableClock(START);
  private final ScriptedDialer dialer = ScriptedDialer.always(clock, Outcome.answeredFor(CALL));
  private final RecordingListener listener = new RecordingListener();

  private OutdialEngine engine(MemoryStore store) {
    OutdialEngine.Builder builder =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .listener(listener)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(1, 100.0, 10))
            .finishedRetention(Duration.ofDays(30));
    return store == null ? builder.build() : builder.store(store).build();
  }

  /** Three recipients, window 12:00–13:00 UTC (closed at the start), expiring at {@code at}. */
  private static BatchCampaignRequest closedUntilNoon(Instant at) {
    return Requests.now(3).timezone("Etc/UTC").window(12 * 60, 13 * 60).expiresAt(at).build();
  }

  private List<String> dialledNumbers() {
    return dialer.dialed().stream().map(d -> d.call().to()).toList();
  }

  /** Runs every pass due from now until {@code until}, delivering call ends on the way. */
  private void runUntil(OutdialEngine engine, Instant until) {
    engine.runDue();
    while (true) {
      Instant next = engine.nextDeadline().orElse(Instant.MAX);
      if (next.isAfter(until)) {
        break;
      }
      clock.set(next);
      dialer.reportDue();
      engine.runDue();
    }
    clock.set(until);
    dialer.reportDue();
    engine.runDue();
  }

  private static void assertAllExpiredAt(OutdialEngine engine, String id, Instant at, int from) {
    List<CallView> calls = engine.calls(KEY, id, 0, 100).calls();
    for (CallView call : calls.subList(from, calls.size())) {
      assertEquals(CallStatus.ENDED, call.status(), call.toString());
      assertEquals(EndedReason.EXPIRED, call.endedReason(), call.toString());
      assertNull(call.startedAt(), call.toString());
      assertEquals(at, call.endedAt(), call.toString());
    }
  }

  @Test
  void recipients_not_dialled_by_expires_at_end_expired_and_nothing_is_dialled_after() {
    OutdialEngine engine = engine(null);
    Instant expiry = START.plus(Duration.ofHours(1)); // before the window opens at noon
    String id = engine.create(KEY, closedUntilNoon(expiry)).campaignId();

    runUntil(engine, START.plus(Duration.ofDays(2)));

    assertEquals(List.of(), dialledNumbers());
    assertAllExpiredAt(engine, id, expiry, 0);
    CampaignView view = engine.campaign(KEY, id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(3, view.callsByEndedReason().get(EndedReason.EXPIRED));
    assertEquals(0, view.callsByStatus().get(CallStatus.QUEUED));
    assertEquals(expiry, view.expiresAt());
  }

  @Test
  void a_call_in_progress_at_expiry_ends_normally_and_then_the_campaign_completes() {
    OutdialEngine engine = engine(null);
    Instant expiry = START.plusSeconds(5);
    String id = engine.create(KEY, Requests.now(3).expiresAt(expiry).build()).campaignId();
    engine.runDue(); // the first call starts; one slot, so the others wait

    clock.set(expiry);
    engine.runDue();
    CampaignView expired = engine.campaign(KEY, id);
    assertEquals(CampaignStatus.RUNNING, expired.status());
    assertEquals(1, expired.callsByStatus().get(CallStatus.IN_PROGRESS));
    assertEquals(2, expired.callsByEndedReason().get(EndedReason.EXPIRED));

    runUntil(engine, START.plus(Duration.ofHours(1)));

    assertEquals(List.of(Requests.phone(0)), dialledNumbers());
    CallView first = engine.calls(KEY, id, 0, 10).calls().get(0);
    assertEquals(EndedReason.COMPLETED, first.endedReason());
    assertAllExpiredAt(engine, id, expiry, 1);
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status());
  }

  @Test
  void the_listener_hears_each_expired_recipient_then_the_completion() {
    OutdialEngine engine = engine(null);
    Instant expiry = START.plus(Duration.ofHours(1));
    String id = engine.create(KEY, closedUntilNoon(expiry)).campaignId();

    runUntil(engine, START.plus(Duration.ofHours(2)));

    List<CallEvent> ends = listener.ends();
    assertEquals(List.of(0, 1, 2), ends.stream().map(CallEvent::recipientIndex).toList());
    assertTrue(ends.stream().allMatch(e -> e.endedReason() == EndedReason.EXPIRED));
    assertEquals(
        CampaignStatus.COMPLETED,
        listener.campaignEvents().get(listener.campaignEvents().size() - 1).status());
    assertEquals(id, ends.get(0).campaignId());
  }

  @Test
  void a_paused_campaign_expires_too() {
    OutdialEngine engine = engine(null);
    Instant expiry = START.plus(Duration.ofMinutes(30));
    String id = engine.create(KEY, Requests.now(2).expiresAt(expiry).build()).campaignId();
    engine.pause(KEY, id);

    runUntil(engine, START.plus(Duration.ofHours(1)));

    assertEquals(List.of(), dialledNumbers());
    assertAllExpiredAt(engine, id, expiry, 0);
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status());
  }

  @Test
  void a_scheduled_campaign_expiring_before_it_fires_never_dials() {
    OutdialEngine engine = engine(null);
    Instant expiry = START.plus(Duration.ofHours(1));
    String id =
        engine
            .create(
                KEY,
                Requests.now(2)
                    .scheduledFor(LocalDate.parse("2026-06-17"))
                    .timezone("Etc/UTC")
                    .expiresAt(expiry)
                    .build())
            .campaignId();

    runUntil(engine, START.plus(Duration.ofDays(3)));

    assertEquals(List.of(), dialledNumbers());
    assertAllExpiredAt(engine, id, expiry, 0);
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status());
  }

  @Test
  void a_guarded_campaign_expires_the_recipients_still_waiting_for_their_hours() {
    OutdialEngine engine = engine(null);
    // Tuesday 08:30 in New York, 05:30 in Los Angeles: New Jersey may be called, Idaho not yet.
    clock.set(Instant.parse("2026-06-16T12:30:00Z"));
    Instant expiry = Instant.parse("2026-06-16T13:30:00Z");
    BatchCampaignRequest request =
        BatchCampaignRequest.builder()
            .agentId(SeedRequests.AGENT_ID)
            .prompt("Remind the patient of tomorrow's check-up.")
            .timezone("America/New_York")
            .recipients(List.of(Recipient.of("+12015550123"), Recipient.of("+12085550123")))
            .recipientLocalHours("skip_unknown")
            .expiresAt(expiry)
            .build();
    String id = engine.create(KEY, request).campaignId();

    runUntil(engine, Instant.parse("2026-06-17T12:00:00Z"));

    assertEquals(List.of("+12015550123"), dialledNumbers());
    assertAllExpiredAt(engine, id, expiry, 1);
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status());
  }

  @Test
  void an_expires_at_that_is_not_an_instant_with_an_offset_is_an_invalid_field() {
    OutdialEngine engine = engine(null);
    for (String bad : List.of("2026-06-20 18:00", "2026-06-20T18:00:00", "tomorrow", "")) {
      RejectedException e =
          assertThrows(
              RejectedException.class,
              () -> engine.create(KEY, Requests.now(1).expiresAt(bad).build()),
              bad);
      assertEquals(ErrorCode.INVALID_FIELD, e.rejection().code());
      Problem problem = e.rejection().problems().get(0);
      assertEquals("expires_at", problem.field());
      assertEquals("not_an_instant", problem.reason());
      assertTrue(problem.message().contains("'" + bad + "'"), problem.message());
    }
  }

  @Test
  void an_expires_at_not_after_the_creation_is_refused_in_the_past_and_creates_nothing() {
    OutdialEngine engine = engine(null);
    for (Instant past : List.of(START, START.minusSeconds(1))) {
      RejectedException e =
          assertThrows(
              RejectedException.class,
              () -> engine.create(KEY, Requests.now(1).expiresAt(past).build()));
      assertEquals(ErrorCode.INVALID_FIELD, e.rejection().code());
      Problem problem = e.rejection().problems().get(0);
      assertEquals("expires_at", problem.field());
      assertEquals("in_the_past", problem.reason());
    }
    assertEquals(List.of(), engine.openCampaigns());
  }

  @Test
  void check_refuses_an_expires_at_in_the_past_as_create_would() {
    OutdialEngine engine = engine(null);

    assertEquals(
        "in_the_past",
        engine
            .check(Requests.now(1).expiresAt(START).build())
            .orElseThrow()
            .problems()
            .get(0)
            .reason());
    assertTrue(engine.check(Requests.now(1).expiresAt(START.plusSeconds(1)).build()).isEmpty());
  }

  @Test
  void an_expires_at_with_any_offset_names_the_same_instant() {
    OutdialEngine engine = engine(null);
    String id =
        engine
            .create(KEY, Requests.now(1).expiresAt("2026-06-15T08:00:00-04:00").build())
            .campaignId();
    assertEquals(Instant.parse("2026-06-15T12:00:00Z"), engine.campaign(KEY, id).expiresAt());
    assertNull(
        engine.campaign(KEY, engine.create(KEY, Requests.now(1).build()).campaignId()).expiresAt());
  }

  @Test
  void a_restart_after_expires_at_expires_the_campaign_at_once_and_dials_nothing() {
    MemoryStore store = new MemoryStore();
    Instant expiry = START.plus(Duration.ofHours(1));
    String id = engine(store).create(KEY, closedUntilNoon(expiry)).campaignId();

    clock.set(START.plus(Duration.ofHours(2)));
    Instant restart = clock.instant();
    OutdialEngine second = engine(store);
    runUntil(second, START.plus(Duration.ofDays(2)));

    assertEquals(List.of(), dialledNumbers());
    assertAllExpiredAt(second, id, restart, 0);
    assertEquals(CampaignStatus.COMPLETED, second.campaign(KEY, id).status());
    OutdialEngine third = engine(store); // and the store says so
    assertAllExpiredAt(third, id, restart, 0);
    assertEquals(CampaignStatus.COMPLETED, third.campaign(KEY, id).status());
  }

  @Test
  void a_restart_before_expires_at_sets_the_expiry_again() {
    MemoryStore store = new MemoryStore();
    Instant expiry = START.plus(Duration.ofHours(1));
    String id = engine(store).create(KEY, closedUntilNoon(expiry)).campaignId();

    clock.set(START.plus(Duration.ofMinutes(30)));
    OutdialEngine second = engine(store);
    runUntil(second, START.plus(Duration.ofDays(2)));

    assertEquals(List.of(), dialledNumbers());
    assertAllExpiredAt(second, id, expiry, 0);
    assertEquals(CampaignStatus.COMPLETED, second.campaign(KEY, id).status());
  }

  @Test
  void an_expiry_with_a_call_in_progress_survives_a_restart() {
    MemoryStore store = new MemoryStore();
    Instant expiry = START.plusSeconds(5);
    OutdialEngine first = engine(store);
    String id = first.create(KEY, Requests.now(3).expiresAt(expiry).build()).campaignId();
    first.runDue();
    clock.set(expiry);
    first.runDue();

    OutdialEngine second = engine(store); // the call in progress is the dialer's to tell
    runUntil(second, START.plus(Duration.ofHours(1)));

    assertEquals(List.of(Requests.phone(0)), dialledNumbers());
    assertAllExpiredAt(second, id, expiry, 1);
  }
}
