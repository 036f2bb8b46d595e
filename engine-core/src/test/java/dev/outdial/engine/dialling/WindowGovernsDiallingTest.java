package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
