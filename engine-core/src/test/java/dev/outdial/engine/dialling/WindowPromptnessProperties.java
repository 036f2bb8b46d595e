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

  /** The first open instant at or after {@code from}, found by stepping whole minutes. */
  private static Instant nextOpen(BatchCampaignRequest request, ZoneId zone, Instant from) {
    if (InvariantChecker.modelOpen(request, zone, from)) {
      return from;
    }
    long minute = Math.floorDiv(from.getEpochSecond(), 60) + 1;
    for (int step = 0; step < 60 * 24 * 22; step++, minute++) {
      Instant at = Instant.ofEpochSecond(minute * 60);
      if (InvariantChecker.modelOpen(request, zone, at)) {
        return at;
      }
    }
    throw new AssertionError("model found no opening within 22 days of " + from);
  }
}
