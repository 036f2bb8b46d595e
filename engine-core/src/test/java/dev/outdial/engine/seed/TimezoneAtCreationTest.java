package dev.outdial.engine.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.TimezoneSource;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Acceptance 3: zone order campaign → agent → Europe/London, fixed at creation. */
class TimezoneAtCreationTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");
  private static final String AGENT = "agent_125207e452f8714a";

  private final AtomicReference<String> agentZone = new AtomicReference<>("Asia/Dubai");
  private final SettableClock clock = new SettableClock(T0);
  private final OutdialEngine engine =
      OutdialEngine.builder()
          .clock(clock)
          .dialer(ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(1))))
          .agents(id -> Optional.of(new Agent(AGENT, agentZone.get(), List.of("+447446466847"))))
          .build();

  private CampaignCreated create(String timezone) {
    return engine.create(
        "key_a",
        Requests.now(1)
            .timezone(timezone)
            .scheduledFor(LocalDate.parse("2026-06-15"))
            .window(540, 1080)
            .build());
  }

  @Test
  void campaign_timezone_wins_over_the_agents() {
    CampaignCreated created = create("America/New_York");

    assertEquals(ZoneId.of("America/New_York"), created.timezone());
    assertEquals(TimezoneSource.CAMPAIGN, created.timezoneSource());
    assertEquals(Instant.parse("2026-06-15T13:00:00Z"), created.firesAt());
  }

  @Test
  void agent_timezone_applies_when_the_campaign_has_none() {
    CampaignCreated created = create(null);

    assertEquals(ZoneId.of("Asia/Dubai"), created.timezone());
    assertEquals(TimezoneSource.AGENT, created.timezoneSource());
    assertEquals(Instant.parse("2026-06-15T05:00:00Z"), created.firesAt());
  }

  @Test
  void europe_london_applies_when_neither_is_usable() {
    agentZone.set("Not/A_Zone");
    CampaignCreated created = create(null);

    assertEquals(ZoneId.of("Europe/London"), created.timezone());
    assertEquals(TimezoneSource.DEFAULT, created.timezoneSource());
    assertEquals(Instant.parse("2026-06-15T08:00:00Z"), created.firesAt());
  }

  @Test
  void zone_is_fixed_at_creation_even_if_the_agent_changes_later() {
    String id = create(null).campaignId();
    agentZone.set("America/Los_Angeles");

    var view = engine.campaign("key_a", id);
    assertEquals(ZoneId.of("Asia/Dubai"), view.timezone());
    assertEquals(TimezoneSource.AGENT, view.timezoneSource());
    assertEquals(Instant.parse("2026-06-15T05:00:00Z"), view.firesAt());
  }
}
