package dev.outdial.demo;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Runs the seed's example request ("Tuesday appointment reminders") in simulated time with a
 * scripted dialer, two calls at a time, and prints its timeline in UTC and London time.
 */
public final class SeedDemo {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE HH:mm:ss z");
  private static final String KEY = "KEY_ID";

  private SeedDemo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}; returns the campaign at the end. */
  public static CampaignView run(PrintStream out) {
    SettableClock clock = new SettableClock(Instant.parse("2026-06-12T16:00:00Z"));
    Map<String, Outcome> script =
        Map.of(
            "+447111000001", Outcome.answeredFor(Duration.ofSeconds(95)),
            "+447111000002", Outcome.voicemailAfter(Duration.ofSeconds(21)),
            "+447111000003", Outcome.noAnswerAfter(Duration.ofSeconds(30)));
    ScriptedDialer dialer = new ScriptedDialer(clock, call -> script.get(call.to()));
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(
                AgentDirectory.of(
                    new Agent("agent_125207e452f8714a", null, List.of("+447446466847"))))
            .defaultLimits(new KeyLimits(2, 1.0, 1))
            .listener(timeline(out))
            .finishedRetention(Duration.ofDays(7)) // read after the simulated week
            .build();

    out.println("Outdial demo: the seed's example campaign, simulated from " + clock.instant());
    CampaignCreated created = engine.create(KEY, seedRequest());
    out.printf(
        "created %s: %s, valid_count %d, timezone %s (%s), fires_at %s%n",
        created.campaignId(),
        created.status().wire(),
        created.validCount(),
        created.timezone(),
        created.timezoneSource().wire(),
        created.firesAt());

    new Simulation(clock, engine, dialer).runUntilIdle(Instant.parse("2026-06-20T00:00:00Z"));

    CampaignView view = engine.campaign(KEY, created.campaignId());
    out.printf("final: %s, calls by ended_reason:", view.status().wire());
    view.callsByEndedReason().entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .forEach(e -> out.printf(" %s=%d", e.getKey().wire(), e.getValue()));
    out.println();
    return view;
  }

  static BatchCampaignRequest seedRequest() {
    return BatchCampaignRequest.builder()
        .agentId("agent_125207e452f8714a")
        .fromNumber("+447446466847")
        .name("Tuesday appointment reminders")
        .prompt(
            "You are Sarah from Bright Smile Dental. Call to remind the patient about their"
                + " check-up tomorrow and confirm they can attend.")
        .timezone("Europe/London")
        .recipient(Recipient.of("+447111000001"))
        .recipient(Recipient.of("+447111000002", Map.of("patient_name", "John")))
        .recipient(Recipient.of("+447111000003"))
        .scheduleType("schedule")
        .scheduledDate("2026-06-15")
        .window(540, 1080)
        .windowDays(List.of("mon", "tue", "wed", "thu", "fri"))
        .build();
  }

  private static EngineListener timeline(PrintStream out) {
    return new EngineListener() {
      @Override
      public void onCampaign(CampaignEvent event) {
        out.printf("%s  %s  campaign %s%n", event.at(), local(event.at()), event.status().wire());
      }

      @Override
      public void onCall(CallEvent event) {
        String what =
            event.status() == CallStatus.IN_PROGRESS
                ? "dial  "
                : "ended " + event.endedReason().wire();
        out.printf(
            "%s  %s  %s %s %s%n",
            event.at(), local(event.at()), event.callId(), event.phone(), what);
      }
    };
  }

  private static String local(Instant at) {
    return LOCAL.format(at.atZone(LONDON));
  }
}
