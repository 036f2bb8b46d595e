package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Issue 10, fault 7, as a property: through random workloads and host actions, with a random
 * retention, a campaign is readable exactly until its retention has passed since it finished
 * (completed or canceled, no call in progress, as the listener heard it), and {@code
 * openCampaigns()} lists exactly the campaigns not yet completed or canceled, in creation order.
 */
class RetentionProperties {

  /** What the listener heard of one campaign. */
  private static final class Heard {
    boolean closed;
    int inProgress;
    Instant finishedAt;
  }

  @Property(tries = 12)
  void a_campaign_is_readable_until_its_retention_after_it_finished_and_no_longer(
      @ForAll long seed) {
    Scenario scenario = Scenario.random(seed);
    Duration retention = Duration.ofMinutes(new Random(seed).nextInt(3 * 24 * 60));
    Map<String, Heard> heard = new HashMap<>();
    EngineListener listener =
        new EngineListener() {
          @Override
          public void onCampaign(CampaignEvent event) {
            Heard h = heard.computeIfAbsent(event.campaignId(), id -> new Heard());
            if (event.status().isFinal()) {
              h.closed = true;
              finishIfDone(h, event.at());
            }
          }

          @Override
          public void onCall(CallEvent event) {
            Heard h = heard.computeIfAbsent(event.campaignId(), id -> new Heard());
            h.inProgress += event.status() == CallStatus.IN_PROGRESS ? 1 : -1;
            finishIfDone(h, event.at());
          }
        };
    SettableClock clock = new SettableClock(scenario.start());
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
            .listener(listener)
            .finishedRetention(retention)
            .build();
    List<String> ids = new ArrayList<>();
    Map<Scenario.CampaignPlan, String> idOf = new IdentityHashMap<>();
    Map<String, String> keyOf = new HashMap<>();
    for (Scenario.CampaignPlan plan : scenario.campaigns()) {
      if (plan.rejected()) {
        continue; // a request refused for its phones creates nothing to keep or drop
      }
      // Every campaign is created at the start here, re-created twins included: what is checked
      // is how long each is kept after it finished, not when it was created.
      String id = engine.create(plan.keyId(), plan.request()).campaignId();
      ids.add(id);
      idOf.put(plan, id);
      keyOf.put(id, plan.keyId());
    }
    Simulation simulation = new Simulation(clock, engine, dialer);
    Instant end = scenario.start().plus(Scenario.HORIZON);
    List<Scenario.Op> ops = scenario.ops();
    int nextOp = 0;
    while (true) {
      // Step to every event, and just before and at every drop instant the listener implies.
      TreeSet<Instant> checks = new TreeSet<>();
      engine.nextDeadline().ifPresent(checks::add);
      dialer.nextEnd().ifPresent(checks::add);
      heard.values().stream()
          .filter(h -> h.finishedAt != null)
          .forEach(
              h -> {
                checks.add(h.finishedAt.plus(retention).minusMillis(1));
                checks.add(h.finishedAt.plus(retention));
              });
      if (nextOp < ops.size()) {
        checks.add(ops.get(nextOp).at());
      }
      Instant next = checks.higher(clock.instant());
      if (next == null || next.isAfter(end)) {
        break;
      }
      simulation.runUntil(next);
      while (nextOp < ops.size() && !ops.get(nextOp).at().isAfter(clock.instant())) {
        Scenario.Op op = ops.get(nextOp++);
        String id = idOf.get(op.campaign());
        if (id == null) {
          continue;
        }
        act(engine, op, id, dropped(heard.get(id), retention, clock.instant()));
      }
      check(engine, ids, keyOf, heard, retention, clock.instant());
    }
  }

  private static void finishIfDone(Heard h, Instant at) {
    if (h.closed && h.inProgress == 0 && h.finishedAt == null) {
      h.finishedAt = at;
    }
  }

  private static boolean dropped(Heard h, Duration retention, Instant now) {
    return h.finishedAt != null && !h.finishedAt.plus(retention).isAfter(now);
  }

  private static void act(OutdialEngine engine, Scenario.Op op, String id, boolean dropped) {
    String key = op.campaign().keyId();
    try {
      switch (op.action()) {
        case LAUNCH -> engine.launch(key, id);
        case PAUSE -> engine.pause(key, id);
        case RESUME -> engine.resume(key, id);
        case CANCEL -> engine.cancel(key, id);
      }
    } catch (RejectedException e) { // not_found once dropped, else refused as invalid_state
      assertEquals(dropped ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_STATE, e.code(), id);
      return;
    }
    assertEquals(false, dropped, op.action() + " took effect on dropped campaign " + id);
  }

  private static void check(
      OutdialEngine engine,
      List<String> ids,
      Map<String, String> keyOf,
      Map<String, Heard> heard,
      Duration retention,
      Instant now) {
    List<String> open = new ArrayList<>();
    for (String id : ids) {
      Heard h = heard.get(id);
      if (dropped(h, retention, now)) {
        RejectedException e =
            assertThrows(
                RejectedException.class,
                () -> engine.campaign(keyOf.get(id), id),
                id + " finished at " + h.finishedAt + " is still readable at " + now);
        assertEquals(ErrorCode.NOT_FOUND, e.code());
      } else {
        CampaignView view = engine.campaign(keyOf.get(id), id);
        assertEquals(h.closed, view.status().isFinal(), id + " at " + now);
      }
      if (!h.closed) {
        open.add(id);
      }
    }
    assertEquals(
        open, engine.openCampaigns().stream().map(CampaignView::campaignId).toList(), "at " + now);
  }
}
