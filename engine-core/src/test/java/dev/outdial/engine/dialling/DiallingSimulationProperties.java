package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Acceptance 6: randomized simulations of thousands of calls over several keys and campaigns, with
 * every SPEC §5/§6 dialling rule checked at every call event by {@link InvariantChecker}.
 */
class DiallingSimulationProperties {

  private record Run(InvariantChecker checker, List<String> campaignIds, OutdialEngine engine) {}

  private static Run run(Scenario scenario) {
    SettableClock clock = new SettableClock(scenario.start());
    InvariantChecker checker = new InvariantChecker(scenario.limits(), scenario.outcomes());
    ScriptedDialer dialer = new ScriptedDialer(clock, call -> scenario.outcomes().get(call.to()));
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .keyLimits(KeyLimitsSource.of(scenario.limits()))
            .defaultLimits(new KeyLimits(1, 0.001, 1))
            .maxCallDuration(Scenario.MAX_CALL)
            .timeoutGrace(Scenario.GRACE)
            .listener(checker)
            .finishedRetention(Scenario.HORIZON.plusDays(1)) // every campaign is read at the end
            .build();
    List<String> ids = new ArrayList<>();
    Map<Scenario.CampaignPlan, String> idOf = new IdentityHashMap<>();
    for (Scenario.CampaignPlan plan : scenario.campaigns()) {
      CampaignCreated created = engine.create(plan.keyId(), plan.request());
      CampaignView view = engine.campaign(plan.keyId(), created.campaignId());
      CallingWindow window =
          view.window() == null ? CallingWindow.always(view.timezone()) : view.window();
      checker.track(
          created.campaignId(),
          new InvariantChecker.Tracked(plan.keyId(), plan.request(), created.timezone(), window),
          created.status(),
          scenario.start());
      ids.add(created.campaignId());
      idOf.put(plan, created.campaignId());
    }
    Simulation simulation = new Simulation(clock, engine, dialer);
    for (Scenario.Op op : scenario.ops()) {
      simulation.runUntil(op.at());
      perform(engine, op, idOf.get(op.campaign()));
    }
    simulation.runUntilIdle(scenario.start().plus(Scenario.HORIZON));
    return new Run(checker, ids, engine);
  }

  private static void perform(OutdialEngine engine, Scenario.Op op, String id) {
    String key = op.campaign().keyId();
    try {
      switch (op.action()) {
        case LAUNCH -> engine.launch(key, id);
        case PAUSE -> engine.pause(key, id);
        case RESUME -> engine.resume(key, id);
        case CANCEL -> engine.cancel(key, id);
      }
    } catch (RejectedException e) {
      assertEquals(ErrorCode.INVALID_STATE, e.code(), e.getMessage());
    }
  }

  @Property(tries = 6)
  void every_dialling_rule_holds_at_every_event_through_launch_pause_resume_and_cancel(
      @ForAll long seed) {
    Scenario scenario = Scenario.random(seed);

    Run run = run(scenario);

    int recipients =
        scenario.campaigns().stream().mapToInt(c -> c.request().recipients().size()).sum();
    int canceledUndialled = 0;
    for (int i = 0; i < run.campaignIds().size(); i++) {
      Scenario.CampaignPlan plan = scenario.campaigns().get(i);
      CampaignView view = run.engine().campaign(plan.keyId(), run.campaignIds().get(i));
      boolean canceled =
          scenario.ops().stream()
              .anyMatch(op -> op.campaign() == plan && op.action() == Scenario.Action.CANCEL);
      assertEquals(
          canceled && view.status() == CampaignStatus.CANCELED
              ? CampaignStatus.CANCELED
              : CampaignStatus.COMPLETED,
          view.status());
      assertEquals(plan.request().recipients().size(), view.callsByStatus().get(CallStatus.ENDED));
      canceledUndialled += view.callsByEndedReason().get(EndedReason.CANCELED);
    }
    int dialled = recipients - canceledUndialled;
    assertEquals(dialled, run.checker().startLog().size(), "one start per dialled recipient");
    assertEquals(dialled, run.checker().ended().size(), "one end per call");
    assertEquals(0, run.checker().inProgressCount());
  }

  /**
   * A campaign with a one-minute window on three days a week and one slot for its key: its 212
   * calls take over a year of simulated time (62 were made in the first 120 days, the horizon this
   * simulation once had, so it was cut off while still running).
   */
  @Example
  void a_one_minute_window_with_one_slot_still_completes_every_campaign() {
    every_dialling_rule_holds_at_every_event_through_launch_pause_resume_and_cancel(
        3351230974173026990L);
  }

  @Property(tries = 3)
  void keys_never_wait_on_each_other(@ForAll long seed) {
    Scenario scenario = Scenario.random(seed);

    List<String> together = run(scenario).checker().startLog();

    for (Map.Entry<String, KeyLimits> key : scenario.limits().entrySet()) {
      List<String> alone = run(scenario.onlyKey(key.getKey())).checker().startLog();
      List<String> sameKeyTogether =
          together.stream().filter(line -> line.startsWith(key.getKey() + " ")).toList();
      assertEquals(
          alone, sameKeyTogether, "key " + key.getKey() + " dialled differently with company");
    }
  }
}
