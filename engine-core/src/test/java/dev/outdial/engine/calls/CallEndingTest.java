package dev.outdial.engine.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.support.TestEngine;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Acceptance 7: one call per recipient, and every way a call ends. */
class CallEndingTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");
  private static final String KEY = "key_a";
  private static final KeyLimits ONE_AT_A_TIME = new KeyLimits(1, 1_000, 1_000);

  /** A deterministic engine for the seed's agent with these limits and this dialer. */
  private static OutdialEngine engine(SettableClock clock, KeyLimits limits, Dialer dialer) {
    return OutdialEngine.builder()
        .clock(clock)
        .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
        .defaultLimits(limits)
        .dialer(dialer)
        .build();
  }

  @Test
  void every_valid_recipient_gets_exactly_one_call_with_its_own_call_id() {
    TestEngine t =
        TestEngine.with(
            T0,
            call -> Outcome.answeredFor(Duration.ofSeconds(7)),
            new KeyLimits(5, 20, 5),
            Map.of(),
            SeedRequests.SEED_AGENT);
    String id = t.engine.create(KEY, Requests.now(500).build()).campaignId();

    t.simulation.runUntilIdle(T0.plus(Duration.ofHours(2)));

    List<String> phones = t.dialer.dialed().stream().map(d -> d.call().to()).toList();
    assertEquals(500, phones.size());
    assertEquals(500, new HashSet<>(phones).size());
    Set<String> ids = new LinkedHashSet<>();
    for (CallView call : t.engine.calls(KEY, id, 0, 1000).calls()) {
      assertTrue(call.callId().matches("call_[0-9a-f]{16}"), call.callId());
      assertTrue(ids.add(call.callId()), "call id repeated: " + call.callId());
      assertEquals(CallStatus.ENDED, call.status());
      assertEquals(EndedReason.COMPLETED, call.endedReason());
      assertEquals(call, t.engine.call(KEY, call.callId()));
    }
    assertEquals(t.dialer.dialed().stream().map(d -> d.call().callId()).toList(), List.copyOf(ids));
  }

  @Test
  void queued_calls_already_have_their_call_id_and_no_times() {
    TestEngine t = TestEngine.at(T0);
    String id = t.engine.create(KEY, Requests.now(3).build()).campaignId();

    CallView queued = t.engine.calls(KEY, id, 2, 1).calls().get(0);
    assertEquals(CallStatus.QUEUED, queued.status());
    assertNull(queued.startedAt());
    assertNull(queued.endedReason());

    t.simulation.runUntilIdle(T0.plusSeconds(3600));
    CallView ended = t.engine.call(KEY, queued.callId());
    assertEquals(CallStatus.ENDED, ended.status());
    ScriptedDialer.Dialed dial = t.dialer.dialed().get(2);
    assertEquals(queued.callId(), dial.call().callId());
    // Two slots: the third recipient waits for the first call to end, 30 s after T0.
    assertEquals(T0.plusSeconds(30), dial.at());
    assertEquals(dial.at(), ended.startedAt());
    assertEquals(T0.plusSeconds(60), ended.endedAt());
  }

  @Test
  void voicemail_ends_voicemail_detected() {
    TestEngine t = TestEngine.at(T0, call -> Outcome.voicemailAfter(Duration.ofSeconds(12)));
    String id = t.engine.create(KEY, Requests.now(1).build()).campaignId();

    t.simulation.runUntilIdle(T0.plusSeconds(60));

    CallView call = t.engine.calls(KEY, id, 0, 1).calls().get(0);
    assertEquals(EndedReason.VOICEMAIL_DETECTED, call.endedReason());
    assertEquals(T0.plusSeconds(12), call.endedAt());
  }

  @Test
  void dialer_that_throws_ends_the_call_dial_failed_and_the_campaign_goes_on() {
    TestEngine t =
        TestEngine.at(
            T0,
            call ->
                call.to().equals(Requests.phone(1))
                    ? Outcome.throwsOnDial()
                    : Outcome.answeredFor(Duration.ofSeconds(5)));
    String id = t.engine.create(KEY, Requests.now(3).build()).campaignId();

    t.simulation.runUntilIdle(T0.plusSeconds(600));

    CampaignView view = t.engine.campaign(KEY, id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(1, view.callsByEndedReason().get(EndedReason.DIAL_FAILED));
    assertEquals(2, view.callsByEndedReason().get(EndedReason.COMPLETED));
    CallView failed = t.engine.calls(KEY, id, 1, 1).calls().get(0);
    assertEquals(EndedReason.DIAL_FAILED, failed.endedReason());
    assertTrue(failed.detail().contains("scripted dial failure"), failed.detail());
  }

  @Test
  void dialer_reporting_dial_failed_later_ends_the_call_dial_failed() {
    TestEngine t =
        TestEngine.at(
            T0, call -> Outcome.endsAfter(EndedReason.DIAL_FAILED, Duration.ofSeconds(2)));
    String id = t.engine.create(KEY, Requests.now(2).build()).campaignId();

    t.simulation.runUntilIdle(T0.plusSeconds(600));

    assertEquals(2, t.engine.campaign(KEY, id).callsByEndedReason().get(EndedReason.DIAL_FAILED));
    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign(KEY, id).status());
  }

  @Test
  void call_never_reported_times_out_after_maximum_duration_plus_grace_and_frees_its_slot() {
    TestEngine t = TestEngine.at(T0, call -> Outcome.neverReports());
    String id = t.engine.create(KEY, Requests.now(3).build()).campaignId();
    Instant timeout = T0.plus(Duration.ofMinutes(10)).plus(Duration.ofMinutes(2));

    t.simulation.runUntil(timeout.minusSeconds(1));
    assertEquals(2, t.dialer.dialed().size(), "two slots, both held");
    assertEquals(2, t.engine.campaign(KEY, id).callsByStatus().get(CallStatus.IN_PROGRESS));

    t.simulation.runUntil(timeout);
    assertEquals(1, t.engine.campaign(KEY, id).callsByEndedReason().get(EndedReason.TIMED_OUT));
    assertEquals(3, t.dialer.dialed().size(), "the freed slot dials the third recipient");
    assertEquals(timeout, t.dialer.dialed().get(2).at());

    t.simulation.runUntilIdle(T0.plus(Duration.ofHours(2)));
    assertEquals(3, t.engine.campaign(KEY, id).callsByEndedReason().get(EndedReason.TIMED_OUT));
    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign(KEY, id).status());
  }

  @Test
  void an_end_reported_from_inside_dial_frees_its_slot_in_the_same_pass() {
    SettableClock clock = new SettableClock(T0);
    List<String> dialled = new ArrayList<>();
    OutdialEngine engine =
        engine(
            clock,
            ONE_AT_A_TIME,
            (call, ends) -> {
              dialled.add(call.to());
              ends.callEnded(call.callId(), EndedReason.COMPLETED);
              ends.callEnded(call.callId(), EndedReason.BUSY, "second report, same pass");
            });
    String id = engine.create(KEY, Requests.now(3).build()).campaignId();

    engine.runDue();

    assertEquals(List.of(Requests.phone(0), Requests.phone(1), Requests.phone(2)), dialled);
    CampaignView campaign = engine.campaign(KEY, id);
    assertEquals(CampaignStatus.COMPLETED, campaign.status());
    assertEquals(3, campaign.callsByEndedReason().get(EndedReason.COMPLETED), "first report won");
    assertEquals(
        Optional.of(T0.plus(Duration.ofDays(1))),
        engine.nextDeadline(),
        "nothing left queued but the finished campaign's drop after retention");
  }

  @Test
  void an_end_reported_from_another_thread_waits_for_the_next_pass() throws Exception {
    SettableClock clock = new SettableClock(T0);
    List<OutboundCall> calls = new ArrayList<>();
    List<CallEndSink> sinks = new ArrayList<>();
    OutdialEngine engine =
        engine(
            clock,
            ONE_AT_A_TIME,
            (call, ends) -> {
              calls.add(call);
              sinks.add(ends);
            });
    String id = engine.create(KEY, Requests.now(2).build()).campaignId();
    engine.runDue();

    Thread telephony =
        new Thread(() -> sinks.get(0).callEnded(calls.get(0).callId(), EndedReason.COMPLETED));
    telephony.start();
    telephony.join();

    assertEquals(1, calls.size(), "queued, not applied off the owner's pass");
    assertEquals(Optional.of(T0), engine.nextDeadline(), "the queued report is due now");
    engine.runDue();
    assertEquals(2, calls.size(), "the freed slot dials the second recipient");
    assertEquals(
        CallStatus.ENDED, engine.call(KEY, calls.get(0).callId()).status(), "the report applied");
  }

  @Test
  void repeated_or_unknown_end_reports_change_nothing() {
    SettableClock clock = new SettableClock(T0);
    List<OutboundCall> calls = new ArrayList<>();
    List<CallEndSink> sinks = new ArrayList<>();
    OutdialEngine engine =
        engine(
            clock,
            KeyLimits.DEFAULT,
            (call, ends) -> {
              calls.add(call);
              sinks.add(ends);
            });
    String id = engine.create(KEY, Requests.now(2).build()).campaignId();
    engine.runDue();
    String callId = calls.get(0).callId();
    CallEndSink sink = sinks.get(0);

    clock.advance(Duration.ofSeconds(20));
    sink.callEnded(callId, EndedReason.COMPLETED);
    engine.runDue();
    CallView first = engine.call(KEY, callId);
    CampaignView before = engine.campaign(KEY, id);

    clock.advance(Duration.ofSeconds(20));
    sink.callEnded(callId, EndedReason.BUSY, "late duplicate");
    sink.callEnded("call_0000000000000000", EndedReason.COMPLETED);
    sink.callEnded("not-a-call-id", EndedReason.COMPLETED);
    engine.runDue();

    assertEquals(first, engine.call(KEY, callId));
    assertEquals(before.callsByEndedReason(), engine.campaign(KEY, id).callsByEndedReason());
    assertEquals(before.callsByStatus(), engine.campaign(KEY, id).callsByStatus());
  }

  @Test
  void campaign_completes_when_every_call_ended_with_exact_counts_per_reason() {
    Map<String, Outcome> script =
        Map.of(
            Requests.phone(0), Outcome.answeredFor(Duration.ofSeconds(40)),
            Requests.phone(1), Outcome.voicemailAfter(Duration.ofSeconds(20)),
            Requests.phone(2), Outcome.busyAfter(Duration.ofSeconds(3)),
            Requests.phone(3), Outcome.noAnswerAfter(Duration.ofSeconds(30)),
            Requests.phone(4), Outcome.throwsOnDial(),
            Requests.phone(5), Outcome.neverReports(),
            Requests.phone(6), Outcome.endsAfter(EndedReason.ERROR, Duration.ofSeconds(1)));
    TestEngine t = TestEngine.at(T0, call -> script.get(call.to()));
    String id = t.engine.create(KEY, Requests.now(7).build()).campaignId();

    t.simulation.runUntil(T0.plusSeconds(60));
    assertEquals(CampaignStatus.RUNNING, t.engine.campaign(KEY, id).status());
    t.simulation.runUntilIdle(T0.plus(Duration.ofHours(1)));

    CampaignView view = t.engine.campaign(KEY, id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    Map<EndedReason, Integer> expected = new java.util.EnumMap<>(EndedReason.class);
    for (EndedReason reason : EndedReason.values()) {
      expected.put(reason, 0);
    }
    expected.put(EndedReason.COMPLETED, 1);
    expected.put(EndedReason.VOICEMAIL_DETECTED, 1);
    expected.put(EndedReason.BUSY, 1);
    expected.put(EndedReason.NO_ANSWER, 1);
    expected.put(EndedReason.DIAL_FAILED, 1);
    expected.put(EndedReason.TIMED_OUT, 1);
    expected.put(EndedReason.ERROR, 1);
    assertEquals(expected, view.callsByEndedReason());
    assertEquals(
        Map.of(CallStatus.QUEUED, 0, CallStatus.IN_PROGRESS, 0, CallStatus.ENDED, 7),
        view.callsByStatus());
  }
}
