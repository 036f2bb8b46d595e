package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.support.TestEngine;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4 (fires at the first open instant: status {@code running}) and §5 (a key's running
 * campaigns share its slots round-robin) for campaigns that fire at the same window opening, which
 * the engine fires as one block per key.
 */
class CampaignsFiringTogetherTest {
  private static final String KEY = "key_a";
  private static final Instant SUNDAY_NOON = Instant.parse("2026-06-14T12:00:00Z");
  // Monday 2026-06-15, 09:00 London summer time.
  private static final Instant MONDAY_0900 = Instant.parse("2026-06-15T08:00:00Z");
  private static final LocalDate MONDAY = LocalDate.parse("2026-06-15");
  private static final KeyLimits ONE_AT_A_TIME = new KeyLimits(1, 1_000.0, 1_000);

  private static TestEngine engine() {
    return TestEngine.with(
        SUNDAY_NOON,
        call -> Outcome.answeredFor(Duration.ofSeconds(10)),
        ONE_AT_A_TIME,
        Map.of(),
        SeedRequests.SEED_AGENT);
  }

  /** Campaign {@code c} of two recipients, phones 10c and 10c + 1, for Monday's weekday window. */
  private static String schedule(OutdialEngine engine, int c) {
    return engine
        .create(
            KEY,
            Requests.now(2)
                .recipients(Requests.recipients(10 * c, 2))
                .scheduledFor(MONDAY)
                .timezone("Europe/London")
                .window(540, 1080)
                .windowDays(List.of("mon", "tue", "wed", "thu", "fri"))
                .build())
        .campaignId();
  }

  /** Campaigns 0, 1 and 2 as {@link #schedule} makes them; returns the second's id. */
  private static String scheduleThree(OutdialEngine engine) {
    schedule(engine, 0);
    String second = schedule(engine, 1);
    schedule(engine, 2);
    return second;
  }

  private static List<String> dialledPhones(ScriptedDialer dialer) {
    return dialer.dialed().stream().map(d -> d.call().to()).toList();
  }

  private static List<String> phones(int... indexes) {
    return java.util.Arrays.stream(indexes).mapToObj(Requests::phone).toList();
  }

  @Test
  void campaigns_firing_together_share_the_key_round_robin_in_creation_order() {
    TestEngine t = engine();
    for (int c = 0; c < 3; c++) {
      schedule(t.engine, c);
    }

    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofHours(1)));

    assertEquals(phones(0, 10, 20, 1, 11, 21), dialledPhones(t.dialer));
    assertEquals(MONDAY_0900, t.dialer.dialed().get(0).at());
  }

  @Test
  void every_campaign_reads_running_from_the_opening_even_before_its_turn_without_a_listener() {
    SettableClock clock = new SettableClock(SUNDAY_NOON);
    ScriptedDialer dialer = ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofHours(1)));
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(ONE_AT_A_TIME)
            .build();
    Simulation simulation = new Simulation(clock, engine, dialer);
    List<String> ids = List.of(schedule(engine, 0), schedule(engine, 1), schedule(engine, 2));

    simulation.runUntil(MONDAY_0900.minusSeconds(1));
    for (String id : ids) {
      assertEquals(CampaignStatus.SCHEDULED, engine.campaign(KEY, id).status());
    }
    simulation.runUntil(MONDAY_0900);

    assertEquals(1, dialer.dialed().size(), "one slot: only the first has dialled");
    for (String id : ids) {
      assertEquals(CampaignStatus.RUNNING, engine.campaign(KEY, id).status(), id);
    }
    assertEquals(ids, engine.openCampaigns().stream().map(view -> view.campaignId()).toList());
    assertEquals(
        CampaignStatus.PAUSED, engine.pause(KEY, ids.get(2)).status(), "running, so pausable");
  }

  @Test
  void the_listener_hears_each_campaign_start_running_at_the_opening_in_creation_order() {
    TestEngine t = engine();
    List<String> ids = List.of(schedule(t.engine, 0), schedule(t.engine, 1), schedule(t.engine, 2));

    t.simulation.runUntil(MONDAY_0900);

    List<CampaignEvent> running =
        t.listener.campaignEvents().stream()
            .filter(e -> e.status() == CampaignStatus.RUNNING)
            .toList();
    assertEquals(ids, running.stream().map(CampaignEvent::campaignId).toList());
    assertEquals(List.of(MONDAY_0900), running.stream().map(CampaignEvent::at).distinct().toList());
  }

  @Test
  void a_campaign_launched_early_keeps_one_place_in_the_ring() {
    TestEngine t = engine();
    String first = schedule(t.engine, 0);
    schedule(t.engine, 1);
    schedule(t.engine, 2);

    t.engine.launch(KEY, first); // Sunday: running, but its weekday window is closed
    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofHours(1)));

    assertEquals(
        phones(10, 20, 0, 11, 21, 1),
        dialledPhones(t.dialer),
        "it rejoins when its window opens, after the cohort that fired at the same instant");
  }

  @Test
  void a_campaign_paused_before_its_turn_is_passed_over_and_rejoins_at_the_back_on_resume() {
    TestEngine t = engine();
    String second = scheduleThree(t.engine);

    t.simulation.runUntil(MONDAY_0900);
    t.engine.pause(KEY, second);
    t.simulation.runUntil(MONDAY_0900.plusSeconds(15));
    t.engine.resume(KEY, second);
    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofHours(1)));

    assertEquals(phones(0, 20, 1, 21, 10, 11), dialledPhones(t.dialer));
  }

  @Test
  void a_campaign_canceled_before_its_turn_never_dials_and_the_others_go_on() {
    TestEngine t = engine();
    String second = scheduleThree(t.engine);

    t.simulation.runUntil(MONDAY_0900);
    t.engine.cancel(KEY, second);
    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofHours(1)));

    assertEquals(phones(0, 20, 1, 21), dialledPhones(t.dialer));
    assertEquals(CampaignStatus.CANCELED, t.engine.campaign(KEY, second).status());
  }

  @Test
  void a_firing_instant_whose_campaigns_all_left_the_schedule_wakes_nobody() {
    TestEngine t = engine();
    List<String> ids = List.of(schedule(t.engine, 0), schedule(t.engine, 1));
    t.simulation.runUntil(SUNDAY_NOON);
    assertEquals(Optional.of(MONDAY_0900), t.engine.nextDeadline());

    ids.forEach(id -> t.engine.cancel(KEY, id));

    assertEquals(
        Optional.of(SUNDAY_NOON.plus(Duration.ofDays(1))),
        t.engine.nextDeadline(),
        "only their drop after retention");
  }

  @Test
  void a_campaign_scheduled_for_an_instant_that_already_fired_fires_on_its_own() {
    TestEngine t = engine();
    schedule(t.engine, 0);
    t.simulation.runUntil(MONDAY_0900);
    t.clock.set(MONDAY_0900); // same instant, after the pass that fired the first

    String late = schedule(t.engine, 1);
    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofHours(1)));

    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign(KEY, late).status());
    assertEquals(
        phones(0, 1, 10, 11), dialledPhones(t.dialer), "it joins the ring behind the first");
  }
}
