package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.support.TestEngine;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * SPEC §4: a campaign fires at the first open instant at or after it is due, and after every wait
 * (token, closed window) dials at the first instant it may: never late, never early. Expected
 * instants come from an independent model that steps minutes on the wall clock.
 */
class WindowPromptnessProperties {
  private static final Duration TOKEN_INTERVAL = Duration.ofMinutes(10);
  private static final List<String> ZONES =
      List.copyOf(ZoneId.getAvailableZoneIds()).stream().sorted().toList();

  @Property(tries = 120)
  void every_dial_happens_at_the_first_instant_the_window_and_the_token_allow(@ForAll long seed) {
    Random random = new Random(seed);
    Instant created =
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(3 * 365 * 86_400));
    ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
    BatchCampaignRequest.Builder builder = Requests.now(8).timezone(zone.getId());
    if (random.nextInt(4) > 0) {
      int start = random.nextInt(1440);
      int end = 1 + random.nextInt(1440);
      builder.window(start, end == start ? (start + 7) % 1440 + 1 : end);
      List<String> days = new ArrayList<>();
      for (String day : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
        if (random.nextBoolean()) {
          days.add(day);
        }
      }
      builder.windowDays(days.isEmpty() ? List.of("wed") : days);
    }
    Instant due = created;
    if (random.nextBoolean()) {
      LocalDate date = LocalDate.ofInstant(created, zone).plusDays(random.nextInt(5) - 1);
      builder.scheduledFor(date);
      Instant startOfDay = date.atStartOfDay(zone).toInstant();
      due = startOfDay.isAfter(created) ? startOfDay : created;
    }
    BatchCampaignRequest request = builder.build();
    TestEngine t =
        TestEngine.with(
            created,
            call -> Outcome.answeredFor(Duration.ofMinutes(1)),
            new KeyLimits(1, 1.0 / TOKEN_INTERVAL.toSeconds(), 1),
            Map.of(),
            SeedRequests.SEED_AGENT);

    t.engine.create("key_a", request);
    t.simulation.runUntilIdle(created.plus(Duration.ofDays(200)));

    List<Instant> expected = new ArrayList<>();
    Instant next = nextOpen(request, zone, due);
    for (int i = 0; i < 8; i++) {
      expected.add(next);
      next = nextOpen(request, zone, next.plus(TOKEN_INTERVAL));
    }
    assertEquals(expected, t.dialer.dialed().stream().map(ScriptedDialer.Dialed::at).toList());
  }

  /**
   * SPEC §4/§5 with company: two to four keys, each with its own token interval and one to three
   * campaigns in different zones (skipped midnights, spring-forwards, far dates), all waiting for
   * windows and tokens at once. Each key dials at the first instant at which its token is due and
   * one of its campaigns is fired and open by the model, whatever the other keys do.
   */
  @Property(tries = 40)
  void every_key_dials_at_the_first_instant_its_windows_and_token_allow_while_others_compete(
      @ForAll long seed) {
    Random random = new Random(seed);
    String focus = Scenario.ZONES.get(random.nextInt(Scenario.ZONES.size()));
    Instant created = Scenario.randomStart(random, ZoneId.of(focus));
    Map<String, KeyLimits> limits = new LinkedHashMap<>();
    Map<String, List<Waiting>> campaignsOf = new LinkedHashMap<>();
    int nextPhone = 0;
    int keys = 2 + random.nextInt(3);
    for (int k = 0; k < keys; k++) {
      String key = "key_" + k;
      Duration interval = Duration.ofMinutes(5 * (1 + random.nextInt(3)));
      limits.put(key, new KeyLimits(1, 1.0 / interval.toSeconds(), 1));
      List<Waiting> campaigns = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int c = 0; c < count; c++) {
        String zone = random.nextBoolean() ? focus : ZONES.get(random.nextInt(ZONES.size()));
        int size = 2 + random.nextInt(5);
        BatchCampaignRequest request =
            randomRequest(random, ZoneId.of(zone), created, size)
                .recipients(Requests.recipients(nextPhone, size))
                .build();
        nextPhone += size;
        campaigns.add(new Waiting(request, ZoneId.of(zone), created, size));
      }
      campaignsOf.put(key, campaigns);
    }
    TestEngine t =
        TestEngine.with(
            created,
            call -> Outcome.answeredFor(Duration.ofMinutes(1)),
            new KeyLimits(1, 0.001, 1),
            limits,
            SeedRequests.SEED_AGENT);
    Map<String, Waiting> byId = new HashMap<>();
    campaignsOf.forEach(
        (key, campaigns) -> {
          for (Waiting w : campaigns) {
            byId.put(t.engine.create(key, w.request).campaignId(), w);
          }
        });

    t.simulation.runUntilIdle(created.plus(Duration.ofDays(5 * 365)));

    for (Map.Entry<String, List<Waiting>> key : campaignsOf.entrySet()) {
      Duration interval =
          Duration.ofNanos((long) Math.ceil(1e9 / limits.get(key.getKey()).callsPerSecond()));
      List<ScriptedDialer.Dialed> dials =
          t.dialer.dialed().stream().filter(d -> d.call().keyId().equals(key.getKey())).toList();
      int total = key.getValue().stream().mapToInt(w -> w.remaining).sum();
      assertEquals(total, dials.size(), key.getKey() + " dials every recipient");
      Instant tokenDue = created;
      for (ScriptedDialer.Dialed dial : dials) {
        Instant first = null;
        for (Waiting w : key.getValue()) {
          Instant candidate = w.firstDial(tokenDue);
          if (candidate != null && (first == null || candidate.isBefore(first))) {
            first = candidate;
          }
        }
        Waiting dialled = byId.get(dial.call().campaignId());
        assertEquals(first, dial.at(), key.getKey() + " dials " + dial.call().to());
        assertEquals(first, dialled.firstDial(tokenDue), "its campaign may dial then");
        dialled.remaining--;
        tokenDue = dial.at().plus(interval);
      }
    }
  }

  /** A campaign of the competing-keys property, as the model sees it. */
  private static final class Waiting {
    final BatchCampaignRequest request;
    final WallClockWindow window;
    final Instant due;
    int remaining;
    private Instant searchedFrom;
    private Instant found;

    Waiting(BatchCampaignRequest request, ZoneId zone, Instant created, int size) {
      this.request = request;
      this.window = new WallClockWindow(request, zone);
      Instant due = created;
      if (request.scheduledDate() != null) {
        Instant startOfDay =
            LocalDate.parse(request.scheduledDate()).atStartOfDay(zone).toInstant();
        due = startOfDay.isAfter(created) ? startOfDay : created;
      }
      this.due = due;
      this.remaining = size;
    }

    /** The first instant at or after {@code tokenDue} at which it may dial, or null when done. */
    Instant firstDial(Instant tokenDue) {
      if (remaining == 0) {
        return null;
      }
      Instant from = tokenDue.isAfter(due) ? tokenDue : due;
      // No opening lies in [searchedFrom, found), so one found from earlier still answers.
      if (found == null || from.isBefore(searchedFrom) || from.isAfter(found)) {
        searchedFrom = from;
        found = window.firstOpen(from, InvariantChecker.OPENING_SEARCH);
      }
      return found;
    }
  }

  /** A {@code now} or scheduled request with or without a window, in {@code zone}. */
  private static BatchCampaignRequest.Builder randomRequest(
      Random random, ZoneId zone, Instant created, int size) {
    BatchCampaignRequest.Builder builder = Requests.now(size).timezone(zone.getId());
    if (random.nextInt(4) > 0) {
      int start = random.nextInt(1440);
      int end = 1 + random.nextInt(1440);
      builder.window(start, end == start ? (start + 7) % 1440 + 1 : end);
      List<String> days = new ArrayList<>();
      for (String day : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
        if (random.nextBoolean()) {
          days.add(day);
        }
      }
      builder.windowDays(days.isEmpty() ? List.of("wed") : days);
    }
    if (random.nextBoolean()) {
      builder.scheduledFor(LocalDate.ofInstant(created, zone).plusDays(random.nextInt(5) - 1));
    }
    return builder;
  }

  /** The first open instant at or after {@code from}, by the wall-clock model. */
  private static Instant nextOpen(BatchCampaignRequest request, ZoneId zone, Instant from) {
    return new WallClockWindow(request, zone).firstOpen(from, Duration.ofDays(22));
  }
}
