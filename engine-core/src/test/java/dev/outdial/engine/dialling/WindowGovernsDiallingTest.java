package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.support.TestEngine;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §4: the window governs every dial, not only the start. */
class WindowGovernsDiallingTest {
  // Monday 2026-06-15, London summer time: 09:00 local = 08:00Z.
  private static final Instant MONDAY_0900 = Instant.parse("2026-06-15T08:00:00Z");

  /** The end of a 09:00-09:05 window on Monday. */
  private static final Instant MONDAY_0905 = MONDAY_0900.plus(Duration.ofMinutes(5));

  private static final Instant TUESDAY_0900 = MONDAY_0900.plus(Duration.ofDays(1));

  /** One slot, tokens to spare: the second recipient is dialled the instant the first call ends. */
  private static final KeyLimits ONE_SLOT = new KeyLimits(1, 1_000, 1_000);

  @Test
  void no_call_starts_while_closed_calls_in_progress_are_not_cut_and_dialling_resumes_at_opening() {
    TestEngine t =
        TestEngine.with(
            MONDAY_0900.minus(Duration.ofHours(1)),
            call -> Outcome.answeredFor(Duration.ofMinutes(10)),
            new KeyLimits(3, 1.0, 1),
            Map.of(),
            SeedRequests.SEED_AGENT);
    String id =
        t.engine
            .create(
                "key_a",
                Requests.now(5)
                    .timezone("Europe/London")
                    .window(540, 545)
                    .windowDays(List.of("mon", "tue"))
                    .build())
            .campaignId();

    t.simulation.runUntil(MONDAY_0900.plus(Duration.ofHours(2)));
    List<ScriptedDialer.Dialed> monday = t.dialer.dialed();
    assertEquals(
        List.of(MONDAY_0900, MONDAY_0900.plusSeconds(1), MONDAY_0900.plusSeconds(2)),
        monday.stream().map(ScriptedDialer.Dialed::at).toList(),
        "nothing before 09:00; three slots at 1 call/s");
    var afterMonday = t.engine.campaign("key_a", id);
    assertEquals(
        3, afterMonday.callsByEndedReason().get(EndedReason.COMPLETED), "not cut at 09:05");
    assertEquals(
        t.engine.calls("key_a", id, 0, 1).calls().get(0).endedAt(), MONDAY_0900.plusSeconds(600));
    assertEquals(CampaignStatus.RUNNING, afterMonday.status());
    assertEquals(MONDAY_0900.plus(Duration.ofDays(1)), afterMonday.nextWindowOpening());

    Instant tuesday0900 = MONDAY_0900.plus(Duration.ofDays(1));
    t.simulation.runUntil(tuesday0900.minusSeconds(1));
    assertEquals(3, t.dialer.dialed().size(), "closed all night");
    t.simulation.runUntilIdle(tuesday0900.plus(Duration.ofHours(1)));
    assertEquals(tuesday0900, t.dialer.dialed().get(3).at(), "resumes exactly at the opening");
    assertEquals(tuesday0900.plusSeconds(1), t.dialer.dialed().get(4).at());
    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign("key_a", id).status());
  }

  @Test
  void a_recipient_waiting_one_nanosecond_before_the_window_closes_is_dialled_then() {
    Instant lastOpenNano = MONDAY_0905.minusNanos(1);
    TestEngine t = firstCallEndsAt(lastOpenNano);

    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofDays(2)));

    assertEquals(
        List.of(MONDAY_0900, lastOpenNano),
        t.dialer.dialed().stream().map(ScriptedDialer.Dialed::at).toList());
  }

  @Test
  void a_recipient_waiting_at_the_exact_closing_instant_is_not_dialled_until_the_next_opening() {
    TestEngine t = firstCallEndsAt(MONDAY_0905);

    t.simulation.runUntil(MONDAY_0905);
    assertEquals(1, t.dialer.dialed().size(), "the slot came free at 09:05, when it closed");
    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofDays(2)));

    assertEquals(
        List.of(MONDAY_0900, TUESDAY_0900),
        t.dialer.dialed().stream().map(ScriptedDialer.Dialed::at).toList());
  }

  @Test
  void a_campaign_created_one_nanosecond_before_its_window_opens_first_dials_at_the_opening() {
    Instant beforeOpening = MONDAY_0900.minusNanos(1);
    TestEngine t = oneSlotEngine(beforeOpening, Duration.ofSeconds(30));
    String id = t.engine.create("key_a", fiveMinuteWindow(2)).campaignId();

    t.simulation.runUntil(beforeOpening);
    assertEquals(List.of(), t.dialer.dialed(), "closed one nanosecond before 09:00");
    assertEquals(MONDAY_0900, t.engine.campaign("key_a", id).nextWindowOpening());
    t.simulation.runUntil(MONDAY_0900);

    assertEquals(
        List.of(MONDAY_0900), t.dialer.dialed().stream().map(ScriptedDialer.Dialed::at).toList());
  }

  @Test
  void a_campaign_created_at_the_exact_opening_instant_dials_at_once() {
    TestEngine t = oneSlotEngine(MONDAY_0900, Duration.ofSeconds(30));
    t.engine.create("key_a", fiveMinuteWindow(2));

    t.simulation.runUntil(MONDAY_0900);

    assertEquals(
        List.of(MONDAY_0900), t.dialer.dialed().stream().map(ScriptedDialer.Dialed::at).toList());
  }

  @Test
  void a_campaign_created_one_nanosecond_before_its_window_closes_dials_at_once() {
    Instant lastOpenNano = MONDAY_0905.minusNanos(1);
    TestEngine t = oneSlotEngine(lastOpenNano, Duration.ofSeconds(30));
    t.engine.create("key_a", fiveMinuteWindow(1));

    t.simulation.runUntil(lastOpenNano);

    assertEquals(
        List.of(lastOpenNano), t.dialer.dialed().stream().map(ScriptedDialer.Dialed::at).toList());
  }

  @Test
  void a_campaign_created_at_the_exact_closing_instant_waits_for_the_next_opening() {
    TestEngine t = oneSlotEngine(MONDAY_0905, Duration.ofSeconds(30));
    t.engine.create("key_a", fiveMinuteWindow(1));

    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofDays(2)));

    assertEquals(
        List.of(TUESDAY_0900), t.dialer.dialed().stream().map(ScriptedDialer.Dialed::at).toList());
  }

  /**
   * A 09:00-09:05 Monday-and-Tuesday campaign of two recipients, one slot: the first is dialled at
   * 09:00 and its call ends at {@code firstEnd}, which frees the slot for the second.
   */
  private static TestEngine firstCallEndsAt(Instant firstEnd) {
    Duration first = Duration.between(MONDAY_0900, firstEnd);
    TestEngine t =
        TestEngine.with(
            MONDAY_0900.minus(Duration.ofHours(1)),
            call ->
                Outcome.answeredFor(
                    call.to().equals(Requests.phone(0)) ? first : Duration.ofSeconds(30)),
            ONE_SLOT,
            Map.of(),
            SeedRequests.SEED_AGENT);
    t.engine.create("key_a", fiveMinuteWindow(2));
    return t;
  }

  private static TestEngine oneSlotEngine(Instant start, Duration calls) {
    return TestEngine.with(
        start, call -> Outcome.answeredFor(calls), ONE_SLOT, Map.of(), SeedRequests.SEED_AGENT);
  }

  /** {@code recipients} people, 09:00-09:05 London time on Mondays and Tuesdays. */
  private static BatchCampaignRequest fiveMinuteWindow(int recipients) {
    return Requests.now(recipients)
        .timezone("Europe/London")
        .window(540, 545)
        .windowDays(List.of("mon", "tue"))
        .build();
  }

  @Test
  void a_window_closing_while_the_key_waits_for_a_token_holds_the_next_dial_until_it_reopens() {
    TestEngine t =
        TestEngine.with(
            MONDAY_0900,
            call -> Outcome.answeredFor(Duration.ofSeconds(5)),
            new KeyLimits(5, 1.0 / 120, 1),
            Map.of(),
            SeedRequests.SEED_AGENT);
    t.engine.create("key_a", Requests.now(2).timezone("Europe/London").window(540, 541).build());

    t.simulation.runUntilIdle(MONDAY_0900.plus(Duration.ofDays(2)));

    assertEquals(MONDAY_0900, t.dialer.dialed().get(0).at());
    assertEquals(
        MONDAY_0900.plus(Duration.ofDays(1)),
        t.dialer.dialed().get(1).at(),
        "the token came at 09:02, after the window closed at 09:01");
  }
}
