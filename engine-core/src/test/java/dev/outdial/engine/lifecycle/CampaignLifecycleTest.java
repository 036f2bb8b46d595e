package dev.outdial.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.TimezoneSource;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.support.TestEngine;
import dev.outdial.engine.testkit.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Acceptance 8: launch, pause, resume and cancel in every status, and their races. */
class CampaignLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");
  private static final String KEY = "key_a";

  private final TestEngine t = TestEngine.at(T0);

  private String scheduled() {
    return t.engine
        .create(KEY, Requests.now(3).scheduledFor(LocalDate.parse("2026-06-15")).build())
        .campaignId();
  }

  private String running(int recipients) {
    return t.engine.create(KEY, Requests.now(recipients).build()).campaignId();
  }

  private void assertInvalidState(Consumer<String> action, String id) {
    RejectedException e = assertThrows(RejectedException.class, () -> action.accept(id));
    assertEquals(ErrorCode.INVALID_STATE, e.code());
  }

  @Test
  void launch_starts_a_scheduled_campaign_now_whatever_its_date() {
    String id = scheduled();

    assertEquals(CampaignStatus.RUNNING, t.engine.launch(KEY, id).status());
    t.simulation.runUntil(T0);

    assertEquals(1, t.dialer.dialed().size());
    assertEquals(T0, t.dialer.dialed().get(0).at());
  }

  @Test
  void launching_twice_is_invalid_state_and_never_dials_twice() {
    String id = scheduled();
    t.engine.launch(KEY, id);

    assertInvalidState(c -> t.engine.launch(KEY, c), id);
    t.simulation.runUntilIdle(T0.plus(Duration.ofDays(10)));

    assertEquals(3, t.dialer.dialed().size());
    assertEquals(3, t.dialer.dialed().stream().map(d -> d.call().to()).distinct().count());
  }

  @Test
  void launch_after_the_scheduled_firing_is_invalid_state_and_the_firing_does_not_dial_twice() {
    String id = scheduled();
    // No zone given and the agent has none: Europe/London, so due at 2026-06-14T23:00Z.
    t.simulation.runUntil(Instant.parse("2026-06-14T23:00:01Z"));
    assertEquals(2, t.dialer.dialed().size());

    assertEquals(CampaignStatus.RUNNING, t.engine.campaign(KEY, id).status());
    assertInvalidState(c -> t.engine.launch(KEY, c), id);
    t.simulation.runUntilIdle(T0.plus(Duration.ofDays(10)));
    assertEquals(3, t.dialer.dialed().size());
  }

  @Test
  void launch_pause_resume_are_invalid_state_where_the_status_does_not_allow_them() {
    String running = running(1);
    assertInvalidState(c -> t.engine.launch(KEY, c), running);
    assertInvalidState(c -> t.engine.resume(KEY, c), running);

    String scheduled = scheduled();
    assertInvalidState(c -> t.engine.pause(KEY, c), scheduled);
    assertInvalidState(c -> t.engine.resume(KEY, c), scheduled);

    t.engine.pause(KEY, running);
    assertInvalidState(c -> t.engine.pause(KEY, c), running);
    assertInvalidState(c -> t.engine.launch(KEY, c), running);

    t.engine.cancel(KEY, scheduled);
    for (Consumer<String> action :
        java.util.List.<Consumer<String>>of(
            c -> t.engine.launch(KEY, c),
            c -> t.engine.pause(KEY, c),
            c -> t.engine.resume(KEY, c),
            c -> t.engine.cancel(KEY, c))) {
      assertInvalidState(action, scheduled);
    }
  }

  @Test
  void a_completed_campaign_refuses_every_action() {
    String id = running(1);
    t.simulation.runUntilIdle(T0.plus(Duration.ofHours(1)));
    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign(KEY, id).status());

    assertInvalidState(c -> t.engine.launch(KEY, c), id);
    assertInvalidState(c -> t.engine.pause(KEY, c), id);
    assertInvalidState(c -> t.engine.resume(KEY, c), id);
    assertInvalidState(c -> t.engine.cancel(KEY, c), id);
  }

  @Test
  void pause_stops_new_dials_lets_calls_in_progress_finish_and_resume_continues_in_order() {
    String id = running(5);
    t.simulation.runUntil(T0.plusSeconds(1));
    assertEquals(2, t.dialer.dialed().size());

    t.engine.pause(KEY, id);
    t.simulation.runUntil(T0.plusSeconds(600));
    assertEquals(2, t.dialer.dialed().size(), "no dial while paused");
    assertEquals(2, t.engine.campaign(KEY, id).callsByStatus().get(CallStatus.ENDED));
    assertEquals(CampaignStatus.PAUSED, t.engine.campaign(KEY, id).status());

    t.engine.resume(KEY, id);
    t.simulation.runUntilIdle(T0.plusSeconds(3600));
    assertEquals(
        java.util.stream.IntStream.range(0, 5).mapToObj(Requests::phone).toList(),
        t.dialer.dialed().stream().map(d -> d.call().to()).toList());
    assertEquals(T0.plusSeconds(600), t.dialer.dialed().get(2).at());
    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign(KEY, id).status());
  }

  @Test
  void pause_and_resume_within_one_instant_neither_loses_nor_doubles_a_dial() {
    String id = running(4);
    t.engine.pause(KEY, id);
    t.engine.resume(KEY, id);
    t.engine.pause(KEY, id);
    t.engine.resume(KEY, id);

    t.simulation.runUntilIdle(T0.plusSeconds(3600));

    assertEquals(4, t.dialer.dialed().size());
    assertEquals(4, t.dialer.dialed().stream().map(d -> d.call().callId()).distinct().count());
  }

  @Test
  void cancel_with_calls_in_flight_ends_undialled_recipients_canceled_and_lets_calls_finish() {
    String id = running(5);
    t.simulation.runUntil(T0.plusSeconds(1));
    assertEquals(2, t.dialer.dialed().size());

    var view = t.engine.cancel(KEY, id);

    assertEquals(CampaignStatus.CANCELED, view.status());
    assertEquals(3, view.callsByEndedReason().get(EndedReason.CANCELED));
    assertEquals(2, view.callsByStatus().get(CallStatus.IN_PROGRESS));
    assertEquals(
        t.dialer.dialed().stream().map(d -> d.call().callId()).toList(), t.dialer.hangUps());

    t.simulation.runUntilIdle(T0.plusSeconds(3600));
    var after = t.engine.campaign(KEY, id);
    assertEquals(2, t.dialer.dialed().size(), "no dial after cancel");
    assertEquals(2, after.callsByEndedReason().get(EndedReason.COMPLETED));
    assertEquals(3, after.callsByEndedReason().get(EndedReason.CANCELED));
    assertEquals(5, after.callsByStatus().get(CallStatus.ENDED));
    assertEquals(CampaignStatus.CANCELED, after.status());
    assertEquals(EndedReason.CANCELED, t.engine.calls(KEY, id, 4, 1).calls().get(0).endedReason());
  }

  @Test
  void cancel_of_a_scheduled_campaign_keeps_its_firing_from_dialling() {
    String id = scheduled();
    t.engine.cancel(KEY, id);
    assertEquals(3, t.engine.campaign(KEY, id).callsByEndedReason().get(EndedReason.CANCELED));

    t.simulation.runUntilIdle(T0.plus(Duration.ofDays(10)));

    assertEquals(0, t.dialer.dialed().size());
  }

  @Test
  void cancel_in_the_same_instant_as_a_call_end_counts_each_call_once() {
    TestEngine quick = TestEngine.at(T0, call -> Outcome.answeredFor(Duration.ZERO));
    String id = quick.engine.create(KEY, Requests.now(3).build()).campaignId();
    quick.engine.runDue();
    quick.dialer.reportDue();

    quick.engine.cancel(KEY, id);
    quick.simulation.runUntilIdle(T0.plusSeconds(60));

    var view = quick.engine.campaign(KEY, id);
    assertEquals(1, quick.dialer.dialed().size());
    assertEquals(1, view.callsByEndedReason().get(EndedReason.COMPLETED));
    assertEquals(2, view.callsByEndedReason().get(EndedReason.CANCELED));
    assertEquals(3, view.callsByStatus().get(CallStatus.ENDED));
  }

  @Test
  void paused_campaign_whose_last_calls_end_completes() {
    String id = running(2);
    t.simulation.runUntil(T0.plusSeconds(1));
    t.engine.pause(KEY, id);

    t.simulation.runUntilIdle(T0.plusSeconds(600));

    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign(KEY, id).status());
  }

  @Test
  void scheduled_campaign_for_a_past_date_fires_at_once() {
    var created =
        t.engine.create(
            KEY,
            Requests.now(1)
                .scheduledFor(LocalDate.parse("2026-01-01"))
                .timezone("Europe/London")
                .build());
    String id = created.campaignId();

    assertEquals(CampaignStatus.RUNNING, created.status(), "running from its creation instant");
    assertEquals(T0, created.firesAt());
    assertEquals(CampaignStatus.RUNNING, t.engine.campaign(KEY, id).status());
    assertEquals(T0, t.engine.campaign(KEY, id).firesAt());
    t.simulation.runUntil(T0);
    assertEquals(1, t.dialer.dialed().size());
  }

  @Test
  void a_request_naming_only_the_seed_agent_calls_from_its_only_number_in_the_default_zone() {
    // The request sets agent_id but neither from_number nor timezone; the seed's agent has one
    // outbound number and no zone of its own.
    var request = Requests.now(1).build();
    assertNull(request.fromNumber());
    assertNull(request.timezone());

    String id = t.engine.create(KEY, request).campaignId();
    t.simulation.runUntil(T0);

    var campaign = t.engine.campaign(KEY, id);
    assertEquals(SeedRequests.AGENT_ID, campaign.agentId());
    assertEquals(SeedRequests.FROM_NUMBER, campaign.fromNumber());
    assertEquals(ZoneId.of("Europe/London"), campaign.timezone());
    assertEquals(TimezoneSource.DEFAULT, campaign.timezoneSource());
    var dialled = t.dialer.dialed().get(0).call();
    assertEquals(SeedRequests.AGENT_ID, dialled.agentId());
    assertEquals(SeedRequests.FROM_NUMBER, dialled.from());
  }
}
