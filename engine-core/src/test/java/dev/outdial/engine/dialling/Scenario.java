package dev.outdial.engine.dialling;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random workload: several keys with random limits, each with several campaigns (now or
 * scheduled, with or without windows, in zones with daylight saving, skipped midnights and odd
 * offsets, from the 1850s to the 2400s), recipients with invalid, duplicate and reformatted phones,
 * prompt overrides and variables, identical requests created again later, and a scripted outcome
 * for every phone.
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

  /**
   * A campaign the host creates at {@code createdAt} (the scenario's start, or later), and what the
   * scenario knows the engine must make of it, worked out when the phones were generated.
   *
   * @param dialable the recipients to dial, in request order, invalid ones and later duplicates
   *     left out
   * @param dialablePhones their phones in E.164
   * @param invalidIndexes request indexes of the invalid phones
   * @param duplicateIndexes request indexes of later copies of a phone
   * @param rejected whether the create must fail with {@code invalid_phone_format} (invalid phones
   *     without {@code skip_invalid})
   */
  record CampaignPlan(
      String keyId,
      BatchCampaignRequest request,
      Instant createdAt,
      List<Recipient> dialable,
      List<String> dialablePhones,
      List<Integer> invalidIndexes,
      List<Integer> duplicateIndexes,
      boolean rejected) {

    /** The same request created again by the same key at {@code at}. */
    CampaignPlan again(Instant at) {
      return new CampaignPlan(
          keyId, request, at, dialable, dialablePhones, invalidIndexes, duplicateIndexes, rejected);
    }
  }

  enum Action {
    CREATE,
    LAUNCH,
    PAUSE,
    RESUME,
    CANCEL
  }

  /** An action the host takes on a campaign at an instant (it may be refused as invalid_state). */
  record Op(Instant at, CampaignPlan campaign, Action action) {}

  /**
   * Zones with daylight saving (New York, London, Lord Howe's half hour), with a skipped local
   * midnight on their spring-forward day (Santiago, Beirut, Havana, Cairo, the Azores; verified in
   * {@code ScenarioReachTest}), Apia (which skipped 2011-12-30), offsets off the hour (Kolkata,
   * Kathmandu, Chatham) and UTC.
   */
  static final List<String> ZONES =
      List.of(
          "Europe/London",
          "America/New_York",
          "Asia/Kolkata",
          "Australia/Lord_Howe",
          "UTC",
          "America/Santiago",
          "Asia/Beirut",
          "America/Havana",
          "Africa/Cairo",
          "Atlantic/Azores",
          "Pacific/Apia",
          "Asia/Kathmandu",
          "Pacific/Chatham");

  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  private static final Instant FAR_PAST = Instant.parse("1850-01-01T00:00:00Z");
  private static final Instant FAR_FUTURE = Instant.parse("2450-01-01T00:00:00Z");

  static Scenario random(long seed) {
    Random random = new Random(seed);
    // New York a quarter of the time: its spring-forward is the one most hosts will meet.
    String focus =
        random.nextInt(4) == 0 ? "America/New_York" : ZONES.get(random.nextInt(ZONES.size()));
    Instant start = randomStart(random, ZoneId.of(focus));
    Map<String, KeyLimits> limits = new LinkedHashMap<>();
    List<CampaignPlan> campaigns = new ArrayList<>();
    List<Op> ops = new ArrayList<>();
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    int keys = 3 + random.nextInt(2);
    int[] nextPhone = {0};
    for (int k = 0; k < keys; k++) {
      String keyId = "key_" + k;
      double[] rates = {0.5, 1, 2, 3.5};
      limits.put(
          keyId,
          new KeyLimits(
              1 + random.nextInt(4), rates[random.nextInt(rates.length)], 1 + random.nextInt(3)));
      int count = 2 + random.nextInt(2);
      for (int c = 0; c < count; c++) {
        String zone = random.nextBoolean() ? focus : ZONES.get(random.nextInt(ZONES.size()));
        CampaignPlan plan =
            randomPlan(random, keyId, "Campaign " + keyId + "/" + c, zone, start, nextPhone);
        for (String phone : plan.dialablePhones()) {
          outcomes.putIfAbsent(phone, randomOutcome(random));
        }
        campaigns.add(plan);
        ops.add(new Op(start, plan, Action.CREATE));
        addRandomOps(random, start, plan, ops);
        if (plan.request().scheduledDate() != null && random.nextBoolean()) {
          addTwin(random, start, plan, campaigns, ops);
        }
      }
    }
    ops.sort(Comparator.comparing(Op::at)); // stable: a campaign's CREATE comes first
    return new Scenario(start, limits, campaigns, outcomes, List.copyOf(ops));
  }

  /**
   * A sixth of the time in 1850-1900 (local mean time, offsets with seconds), a sixth in 2300-2450
   * (past the engine's precomputed offset table), a sixth in between, else in 2024-2030; half of
   * the time moved to a few days before the next spring-forward of {@code focus} (New York's, a
   * skipped midnight...).
   */
  static Instant randomStart(Random random, ZoneId focus) {
    Instant from =
        switch (random.nextInt(6)) {
          case 0 -> between(random, FAR_PAST, Instant.parse("1900-01-01T00:00:00Z"));
          case 1 -> between(random, Instant.parse("2300-01-01T00:00:00Z"), FAR_FUTURE);
          case 2 ->
              between(
                  random,
                  Instant.parse("1900-01-01T00:00:00Z"),
                  Instant.parse("2300-01-01T00:00:00Z"));
          default ->
              between(
                  random,
                  Instant.parse("2024-01-01T00:00:00Z"),
                  Instant.parse("2031-01-01T00:00:00Z"));
        };
    if (random.nextBoolean()) {
      ZoneOffsetTransition next = focus.getRules().nextTransition(from);
      while (next != null && !next.isGap()) {
        next = focus.getRules().nextTransition(next.getInstant());
      }
      if (next != null) {
        return next.getInstant().minusSeconds(random.nextInt(3 * 86_400));
      }
    }
    return from;
  }

  private static Instant between(Random random, Instant from, Instant to) {
    long seconds = Duration.between(from, to).toSeconds();
    return from.plusSeconds(Math.floorMod(random.nextLong(), seconds));
  }

  private static CampaignPlan randomPlan(
      Random random, String keyId, String prompt, String zone, Instant start, int[] nextPhone) {
    int size = 50 + random.nextInt(200);
    int badPhones = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
    boolean skipInvalid = badPhones == 0 ? random.nextBoolean() : random.nextInt(8) > 0;
    List<Recipient> recipients = new ArrayList<>();
    List<Recipient> dialable = new ArrayList<>();
    List<String> dialablePhones = new ArrayList<>();
    List<Integer> invalid = new ArrayList<>();
    List<Integer> duplicates = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int pick = random.nextInt(100);
      if (badPhones > 0 && pick < 3) {
        invalid.add(i);
        recipients.add(Recipient.of(badPhone(random, nextPhone[0]++)));
      } else if (pick < 6 && !dialablePhones.isEmpty()) {
        duplicates.add(i);
        String again = dialablePhones.get(random.nextInt(dialablePhones.size()));
        recipients.add(Recipient.of(reformatted(random, again)));
      } else {
        String phone = Requests.phone(nextPhone[0]++);
        Map<String, String> variables =
            random.nextInt(5) == 0 ? Map.of("name", "Patient " + i) : Map.of();
        String override = random.nextInt(10) == 0 ? "Override for recipient " + i : null;
        Recipient recipient = new Recipient(reformatted(random, phone), variables, override);
        recipients.add(recipient);
        dialable.add(recipient);
        dialablePhones.add(phone);
      }
    }
    BatchCampaignRequest.Builder request =
        BatchCampaignRequest.builder()
            .agentId(SeedRequests.AGENT_ID)
            .prompt(prompt)
            .recipients(recipients)
            .skipInvalid(skipInvalid)
            .timezone(zone);
    if (random.nextInt(3) > 0) {
      int startMinute = random.nextInt(1440);
      int end = random.nextInt(1440) + 1;
      if (end == startMinute) {
        end = startMinute + 1;
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
    } else if (random.nextInt(4) == 0) {
      request.windowDays(List.of(DAYS[random.nextInt(7)], DAYS[random.nextInt(7)]));
    }
    if (random.nextBoolean()) {
      LocalDate today = LocalDate.ofInstant(start, ZoneId.of(zone));
      request.scheduledFor(today.plusDays(random.nextInt(5) - 1));
    }
    return new CampaignPlan(
        keyId,
        request.build(),
        start,
        List.copyOf(dialable),
        List.copyOf(dialablePhones),
        List.copyOf(invalid),
        List.copyOf(duplicates),
        !invalid.isEmpty() && !skipInvalid);
  }

  /** A phone the engine must refuse: not international, a letter in it, or too short. */
  private static String badPhone(Random random, int i) {
    String valid = Requests.phone(i);
    return switch (random.nextInt(3)) {
      case 0 -> valid.substring(1);
      case 1 -> valid.substring(0, 8) + "x" + valid.substring(9);
      default -> valid.substring(0, 8);
    };
  }

  /** The same number as {@code e164} (+447111dddddd) as a person might type it. */
  private static String reformatted(Random random, String e164) {
    String national = e164.substring(3);
    return switch (random.nextInt(6)) {
      case 0 -> "+44 " + national.substring(0, 4) + " " + national.substring(4);
      case 1 -> "+44-" + national.substring(0, 4) + "-" + national.substring(4);
      case 2 -> " +44 (" + national.substring(0, 4) + ") " + national.substring(4) + " ";
      default -> e164;
    };
  }

  /**
   * The identical request created again for the same key later, often after the first left the
   * schedule (launched or canceled): issue 10's "scheduled campaign that never fires" joined the
   * first one's firing group after the engine had dropped its timer.
   */
  private static void addTwin(
      Random random,
      Instant start,
      CampaignPlan first,
      List<CampaignPlan> campaigns,
      List<Op> ops) {
    Instant at = start.plusSeconds(random.nextInt(2 * 86_400));
    if (random.nextInt(3) > 0) {
      // The first leaves the schedule before it fires; the twin comes shortly before that instant,
      // when the engine has long dropped the first one's pointless firing timer.
      ZoneId zone = ZoneId.of(first.request().timezone());
      Instant due = LocalDate.parse(first.request().scheduledDate()).atStartOfDay(zone).toInstant();
      Instant firesAt =
          new WallClockWindow(first.request(), zone)
              .firstOpen(due.isAfter(start) ? due : start, InvariantChecker.OPENING_SEARCH);
      long ahead = Duration.between(start, firesAt).toSeconds();
      if (ahead > 1) {
        Instant leaves = start.plusSeconds(random.nextLong(ahead / 2));
        ops.add(new Op(leaves, first, random.nextBoolean() ? Action.CANCEL : Action.LAUNCH));
        at = firesAt.minusSeconds(1 + random.nextLong(Math.min(ahead / 2, 3600)));
      }
    }
    CampaignPlan twin = first.again(at);
    campaigns.add(twin);
    ops.add(new Op(at, twin, Action.CREATE));
    addRandomOps(random, at, twin, ops);
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
