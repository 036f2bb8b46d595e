package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.support.TestEngine;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, fault 1, "a scheduled campaign that never fires" (SPEC §4: a scheduled campaign fires
 * at the first open instant at or after it is due). A scheduled campaign left the schedule
 * (canceled or launched), the engine's next deadline was read (the real-time driver does so after
 * every pass, which drops the pointless firing timer), then the same request was created again for
 * the same key: it joined the first one's dead firing group, got no timer and stayed {@code
 * scheduled}.
 */
class ScheduledCampaignThatNeverFiresTest {
  private static final String KEY = "key_a";
  private static final Instant SUNDAY_NOON = Instant.parse("2026-06-14T12:00:00Z");
  // Monday 2026-06-15, 09:00 London summer time.
  private static final Instant MONDAY_0900 = Instant.parse("2026-06-15T08:00:00Z");

  private static final BatchCampaignRequest MONDAY_MORNING =
      Requests.now(1)
          .scheduledFor(LocalDate.parse("2026-06-15"))
          .timezone("Europe/London")
          .window(540, 1080)
          .windowDays(List.of("mon", "tue", "wed", "thu", "fri"))
          .build();

  private static TestEngine engine() {
    return TestEngine.with(
        SUNDAY_NOON,
        call -> Outcome.answeredFor(Duration.ofSeconds(10)),
        new KeyLimits(5, 10.0, 5),
        Map.of(),
        SeedRequests.SEED_AGENT);
  }

  /**
   * Creates {@link #MONDAY_MORNING}, takes it off the schedule with {@code leave}, reads the next
   * deadline, creates the identical request again, and runs past Monday 09:00: the second campaign
   * must have fired and dialled at 09:00.
   */
  private static void recreatedCampaignFires(BiConsumer<TestEngine, String> leave) {
    TestEngine t = engine();
    String first = t.engine.create(KEY, MONDAY_MORNING).campaignId();
    leave.accept(t, first);
    t.simulation.runUntil(SUNDAY_NOON); // a pass, then its next deadline, as the driver does

    String second = t.engine.create(KEY, MONDAY_MORNING).campaignId();
    assertEquals(Optional.of(MONDAY_0900), t.engine.nextDeadline(), "something wakes at 09:00");
    t.simulation.runUntil(MONDAY_0900.plus(Duration.ofHours(1)));

    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign(KEY, second).status());
    List<ScriptedDialer.Dialed> ofSecond =
        t.dialer.dialed().stream().filter(d -> d.call().campaignId().equals(second)).toList();
    assertEquals(1, ofSecond.size(), "the second campaign's one recipient");
    assertEquals(MONDAY_0900, ofSecond.get(0).at());
  }

  @Test
  void a_scheduled_campaign_created_again_after_its_twin_was_canceled_fires_at_its_opening() {
    recreatedCampaignFires((t, first) -> t.engine.cancel(KEY, first));
  }

  @Test
  void a_scheduled_campaign_created_again_after_its_twin_was_launched_fires_at_its_opening() {
    recreatedCampaignFires((t, first) -> t.engine.launch(KEY, first));
  }

  @Test
  void a_twin_created_while_the_first_still_waits_fires_with_it() {
    TestEngine t = engine();
    String first = t.engine.create(KEY, MONDAY_MORNING).campaignId();
    t.engine.nextDeadline();
    String second = t.engine.create(KEY, MONDAY_MORNING).campaignId();
    t.engine.cancel(KEY, first);
    t.simulation.runUntil(SUNDAY_NOON);

    t.simulation.runUntil(MONDAY_0900.plus(Duration.ofHours(1)));

    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign(KEY, second).status());
    assertEquals(List.of(MONDAY_0900), t.dialer.dialed().stream().map(d -> d.at()).toList());
  }
}
