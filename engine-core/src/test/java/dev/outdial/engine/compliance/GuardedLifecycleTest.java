package dev.outdial.engine.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
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
 * Issue 14: a guarded campaign canceled, paused or scheduled keeps the guard: it never dials
 * outside its recipients' hours, dials at their opening, and finishes.
 */
class GuardedLifecycleTest {
  private static final String KEY = "key_a";
  private static final String IDAHO = "+12085550123";
  private static final String NEW_JERSEY = "+12015550123";
  private static final Instant START = Instant.parse("2026-06-16T12:30:00Z");
  private static final Instant IDAHO_OPENS = Instant.parse("2026-06-16T15:00:00Z");
  private final SettableClock clock = new SettableClock(START);
  private final ScriptedDialer dialer =
      ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(10)));

  private OutdialEngine engine(MemoryStore store) {
    OutdialEngine.Builder b =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(10, 100.0, 10));
    return store == null ? b.build() : b.store(store).build();
  }

  private static BatchCampaignRequest.Builder guarded(String... phones) {
    return BatchCampaignRequest.builder()
        .agentId(SeedRequests.AGENT_ID)
        .prompt("p")
        .timezone("America/New_York")
        .recipients(java.util.Arrays.stream(phones).map(Recipient::of).toList())
        .recipientLocalHours("skip_unknown");
  }

  @Test
  void a_guarded_campaign_canceled_while_its_hours_are_closed_ends_canceled_and_never_dials() {
    OutdialEngine engine = engine(new MemoryStore());
    String id = engine.create(KEY, guarded(IDAHO).build()).campaignId();
    engine.runDue();
    engine.cancel(KEY, id);
    engine.runDue();
    clock.set(IDAHO_OPENS);
    engine.runDue();
    assertEquals(List.of(), dialer.dialed());
    assertEquals(CampaignStatus.CANCELED, engine.campaign(KEY, id).status());
    assertEquals(EndedReason.CANCELED, engine.calls(KEY, id, 0, 1).calls().get(0).endedReason());
  }

  @Test
  void a_guarded_campaign_paused_and_resumed_dials_at_the_opening_only() {
    OutdialEngine engine = engine(null);
    String id = engine.create(KEY, guarded(IDAHO).build()).campaignId();
    engine.runDue();
    engine.pause(KEY, id);
    engine.runDue();
    engine.resume(KEY, id);
    engine.runDue();
    assertEquals(List.of(), dialer.dialed());
    assertEquals(IDAHO_OPENS, engine.nextDeadline().orElseThrow());
    clock.set(IDAHO_OPENS);
    engine.runDue();
    assertEquals(IDAHO_OPENS, dialer.dialed().get(0).at());
  }

  @Test
  void a_scheduled_guarded_campaign_fires_in_its_window_and_each_recipient_waits_for_its_lane() {
    OutdialEngine engine = engine(new MemoryStore());
    String id =
        engine
            .create(
                KEY,
                guarded(IDAHO, NEW_JERSEY)
                    .scheduleType("scheduled")
                    .scheduledFor(LocalDate.of(2026, 6, 17))
                    .window(8 * 60, 20 * 60)
                    .build())
            .campaignId();
    engine.runDue();
    Instant fires = Instant.parse("2026-06-17T12:00:00Z"); // 08:00 New York
    assertEquals(fires, engine.nextDeadline().orElseThrow());
    clock.set(fires);
    engine.runDue();
    assertEquals(List.of(NEW_JERSEY), dialer.dialed().stream().map(d -> d.call().to()).toList());
    clock.advance(Duration.ofSeconds(10));
    dialer.reportDue();
    engine.runDue();
    Instant idaho = Instant.parse("2026-06-17T15:00:00Z");
    assertEquals(idaho, engine.nextDeadline().orElseThrow());
    clock.set(idaho);
    engine.runDue();
    assertEquals(idaho, dialer.dialed().get(1).at());
    clock.advance(Duration.ofSeconds(10));
    dialer.reportDue();
    engine.runDue();
    assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status());
    assertEquals(CallStatus.ENDED, engine.calls(KEY, id, 0, 2).calls().get(0).status());
  }
}
