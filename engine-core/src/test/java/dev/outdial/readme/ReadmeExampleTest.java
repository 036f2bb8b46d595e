package dev.outdial.readme;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps the README's embedding example compiling, running, and identical to this code. */
class ReadmeExampleTest {

  @Test
  void readme_embedding_example_runs_the_seed_campaign_to_completion() {
    // README-EXAMPLE-BEGIN
    SettableClock clock = new SettableClock(Instant.parse("2026-06-14T12:00:00Z"));
    ScriptedDialer dialer =
        ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(45)));
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock) // deterministic mode: nothing runs until you say so
            .dialer(dialer) // your Dialer in production, e.g. engine-twilio's
            .agents(
                AgentDirectory.of(
                    new Agent("agent_125207e452f8714a", null, List.of("+447446466847"))))
            .defaultLimits(new KeyLimits(2, 1.0, 1)) // two calls at a time, one start a second
            .build();

    CampaignCreated created =
        engine.create(
            "KEY_ID",
            BatchCampaignRequest.builder()
                .agentId("agent_125207e452f8714a")
                .prompt("Remind the patient about their check-up tomorrow.")
                .timezone("Europe/London")
                .recipient(Recipient.of("+447111000001"))
                .recipient(Recipient.of("+447111000002", Map.of("patient_name", "John")))
                .scheduledFor(LocalDate.parse("2026-06-15"))
                .window(540, 1080) // 09:00-18:00 London time
                .windowDays(List.of("mon", "tue", "wed", "thu", "fri"))
                .build());

    new Simulation(clock, engine, dialer).runUntilIdle(Instant.parse("2026-06-16T00:00:00Z"));
    CampaignView view = engine.campaign("KEY_ID", created.campaignId());
    // README-EXAMPLE-END

    assertEquals(Instant.parse("2026-06-15T08:00:00Z"), created.firesAt());
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(2, dialer.dialed().size());
  }

  @Test
  void readme_shows_exactly_the_example_this_test_runs() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/dev/outdial/readme/ReadmeExampleTest.java"));
    String example =
        source.substring(
            source.indexOf("// README-EXAMPLE-BEGIN\n") + "// README-EXAMPLE-BEGIN\n".length(),
            source.indexOf("    // README-EXAMPLE-END"));
    String readme = Files.readString(Path.of("../README.md"));
    String deIndented =
        example.lines().map(line -> line.replaceFirst("^    ", "")).collect(joining("\n"));
    assertTrue(
        readme.contains(deIndented),
        "README.md must show the example of ReadmeExampleTest verbatim (de-indented)");
  }
}
