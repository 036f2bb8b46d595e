package dev.outdial.engine.dialling;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random workload: several keys with random limits, each with several campaigns (now or
 * scheduled, with or without windows), and a scripted outcome for every phone.
 */
record Scenario(
    Instant start,
    Map<String, KeyLimits> limits,
    List<CampaignPlan> campaigns,
    Map<String, Outcome> outcomes,
    List<Op> ops) {

  static final Duration MAX_CALL = Duration.ofMinutes(10);
  static final Duration GRACE = Duration.ofMinutes(2);

  /**
   * How far a simulation may run. A window can be one minute wide on a few days of the week and a
   * key can have one slot, so a few hundred recipients can take years of simulated time; the
   * simulation stops as soon as the engine is idle, so the horizon only bounds a runaway.
   */
  static final Duration HORIZON = Duration.ofDays(20 * 365);

  record CampaignPlan(String keyId, BatchCampaignRequest request) {}

  enum Action {
    LAUNCH,
    PAUSE,
    RESUME,
    CANCEL
  }

  /** An action the host takes on a campaign at an instant (it may be refused as invalid_state). */
  record Op(Instant at, CampaignPlan campaign, Action action) {}

  private static final String[] ZONES = {
    "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"
  };
  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  static Scenario random(long seed) {
    Random random = new Random(seed);
    Instant start = Instant.parse("2026-03-20T00:00:00Z").plusSeconds(random.nextInt(86_400 * 20));
    Map<String, KeyLimits> limits = new LinkedHashMap<>();
    List<CampaignPlan> campaigns = new ArrayList<>();
    List<Op> ops = new ArrayList<>();
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    int keys = 3 + random.nextInt(2);
    int nextPhone = 0;
    for (int k = 0; k < keys; k++) {
      String keyId = "key_" + k;
      double[] rates = {0.5, 1, 2, 3.5};
      limits.put(
          keyId,
          new KeyLimits(
              1 + random.nextInt(4), rates[random.nextInt(rates.length)], 1 + random.nextInt(3)));
      int count = 2 + random.nextInt(2);
      for (int c = 0; c < count; c++) {
        int size = 100 + random.nextInt(300);
        BatchCampaignRequest.Builder request =
            BatchCampaignRequest.builder()
                .agentId(SeedRequests.AGENT_ID)
                .prompt("Campaign " + keyId + "/" + c)
                .recipients(Requests.recipients(nextPhone, size))
                .timezone(ZONES[random.nextInt(ZONES.length)]);
        for (int i = 0; i < size; i++) {
          outcomes.put(Requests.phone(nextPhone + i), randomOutcome(random));
        }
        nextPhone += size;
        if (random.nextInt(3) > 0) {
          int startMinute = random.nextInt(1440);
          int end = random.nextInt(1440) + 1;
          if (end == startMinute) {
            end = startMinute == 1440 ? 1 : startMinute + 1;
          }
          request.window(startMinute, end);
          List<String> days = new ArrayList<>();
          for (String day : DAYS) {
            if (random.nextInt(3) > 0) {
              days.add(day);
            }
          }
          if (days.isEmpty()) {
            days.add(DAYS[random.nextInt(7)]);
          }
          request.windowDays(days);
        }
        if (random.nextBoolean()) {
          request.scheduledFor(
              LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(random.nextInt(4)));
        }
        CampaignPlan plan = new CampaignPlan(keyId, request.build());
        campaigns.add(plan);
        addRandomOps(random, start, plan, ops);
      }
    }
    ops.sort(java.util.Comparator.comparing(Op::at));
    return new Scenario(start, limits, campaigns, outcomes, List.copyOf(ops));
  }

  /** Some campaigns are launched early, paused and resumed, or canceled, at random instants. */
  private static void addRandomOps(Random random, Instant start, CampaignPlan plan, List<Op> ops) {
    if (random.nextInt(4) == 0) {
      ops.add(new Op(start.plusSeconds(random.nextInt(86_400)), plan, Action.LAUNCH));
    }
    if (random.nextInt(3) == 0) {
      Instant pause = start.plusSeconds(random.nextInt(2 * 86_400));
      ops.add(new Op(pause, plan, Action.PAUSE));
      ops.add(new Op(pause.plusSeconds(random.nextInt(86_400)), plan, Action.RESUME));
    }
    if (random.nextInt(6) == 0) {
      ops.add(new Op(start.plusSeconds(random.nextInt(3 * 86_400)), plan, Action.CANCEL));
    }
  }

  private static Outcome randomOutcome(Random random) {
    int pick = random.nextInt(100);
    Duration after = Duration.ofSeconds(1 + random.nextInt(400));
    if (pick < 50) {
      return Outcome.answeredFor(after);
    } else if (pick < 65) {
      return Outcome.voicemailAfter(after);
    } else if (pick < 75) {
      return Outcome.noAnswerAfter(after);
    } else if (pick < 85) {
      return Outcome.busyAfter(after);
    } else if (pick < 90) {
      return Outcome.throwsOnDial();
    } else if (pick < 93) {
      return Outcome.endsAfter(EndedReason.ERROR, after);
    } else if (pick < 95) {
      return Outcome.neverReports();
    }
    return Outcome.endsAfter(EndedReason.DIAL_FAILED, Duration.ofMillis(random.nextInt(3000)));
  }

  /** The same workload restricted to one key. */
  Scenario onlyKey(String keyId) {
    return new Scenario(
        start,
        Map.of(keyId, limits.get(keyId)),
        campaigns.stream().filter(c -> c.keyId().equals(keyId)).toList(),
        outcomes,
        ops.stream().filter(op -> op.campaign().keyId().equals(keyId)).toList());
  }
}
