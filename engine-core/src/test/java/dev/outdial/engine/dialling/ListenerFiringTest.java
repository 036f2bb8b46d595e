package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A listener that does not hear firings ({@link EngineListener#hearsFirings()} false) is told of no
 * campaign that a firing sets running, and of everything else as any listener; one that does hears
 * each of them.
 */
class ListenerFiringTest {
  // Monday 15 June 2026, 06:00 UTC; the campaigns are due on the 16th.
  private static final Instant START = Instant.parse("2026-06-15T06:00:00Z");

  private final SettableClock clock = new SettableClock(START);
  private final ScriptedDialer dialer =
      ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(5)));

  private static final class Recording implements EngineListener {
    private final boolean hearsFirings;
    final List<CampaignStatus> statuses = new ArrayList<>();

    Recording(boolean hearsFirings) {
      this.hearsFirings = hearsFirings;
    }

    @Override
    public void onCampaign(CampaignEvent event) {
      statuses.add(event.status());
    }

    @Override
    public boolean hearsFirings() {
      return hearsFirings;
    }
  }

  private List<CampaignStatus> statusesHeardBy(Recording listener) {
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .listener(listener)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(5, 100.0, 10))
            .build();
    for (int i = 0; i < 3; i++) {
      engine.create(
          "key_a",
          Requests.now(1).scheduledFor(LocalDate.of(2026, 6, 16)).timezone("Etc/UTC").build());
    }
    new Simulation(clock, engine, dialer).runUntilIdle(START.plus(Duration.ofDays(3)));
    return listener.statuses;
  }

  @Test
  void a_listener_that_does_not_hear_firings_hears_creation_and_completion_only() {
    assertEquals(
        List.of(
            CampaignStatus.SCHEDULED,
            CampaignStatus.SCHEDULED,
            CampaignStatus.SCHEDULED,
            CampaignStatus.COMPLETED,
            CampaignStatus.COMPLETED,
            CampaignStatus.COMPLETED),
        statusesHeardBy(new Recording(false)));
  }

  @Test
  void a_listener_that_hears_firings_hears_each_campaign_start_running() {
    assertEquals(
        List.of(
            CampaignStatus.SCHEDULED,
            CampaignStatus.SCHEDULED,
            CampaignStatus.SCHEDULED,
            CampaignStatus.RUNNING,
            CampaignStatus.RUNNING,
            CampaignStatus.RUNNING,
            CampaignStatus.COMPLETED,
            CampaignStatus.COMPLETED,
            CampaignStatus.COMPLETED),
        statusesHeardBy(new Recording(true)));
  }
}
