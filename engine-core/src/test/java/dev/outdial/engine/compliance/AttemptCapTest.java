package dev.outdial.engine.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.AttemptCap;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, per-number attempt caps: at most so many calls to one number in a rolling period across
 * all of a key's campaigns, from the attempt log, across a restart; a recipient at its cap waits
 * queued until the oldest counted call leaves the period.
 */
class AttemptCapTest {
  private static final String KEY = "key_a";
  private static final String OTHER_KEY = "key_b";
  // Monday 15 June 2026, 09:00 UTC.
  private static final Instant START = Instant.parse("2026-06-15T09:00:00Z");
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final KeyLimits CAPPED = new KeyLimits(5, 100.0, 10, new AttemptCap(2, DAY));

  private final SettableClock clock = new SettableClock(START);
  private final ScriptedDialer dialer = ScriptedDialer.always(clock, Outcome.noAnswerAfter(CALL));

  private OutdialEngine engine(@Nullable MemoryStore store) {
    OutdialEngine.Builder builder =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .keyLimits(key -> key.equals(KEY) ? Optional.of(CAPPED) : Optional.empty())
            .defaultLimits(new KeyLimits(5, 100.0, 10))
            .finishedRetention(Duration.ofDays(30));
    return store == null ? builder.build() : builder.store(store).build();
  }

  private List<Instant> dialTimes(String key) {
    return dialer.dialed().stream()
        .filter(d -> d.call().keyId().equals(key))
        .map(ScriptedDialer.Dialed::at)
        .toList();
  }

  private static String oneCall(OutdialEngine engine, String key) {
    return engine.create(key, Requests.now(1).build()).campaignId();
  }

  @Test
  void a_number_at_its_cap_waits_until_the_oldest_call_leaves_the_period() {
    OutdialEngine engine = engine(null);
    String first = oneCall(engine, KEY);
    String second = oneCall(engine, KEY);
    Simulation simulation = new Simulation(clock, engine, dialer);
    simulation.runFor(Duration.ofMinutes(10));
    String third = oneCall(engine, KEY);
    simulation.runFor(Duration.ofHours(1));

    assertEquals(List.of(START, START), dialTimes(KEY));
    assertEquals(1, engine.campaign(KEY, third).callsByStatus().get(CallStatus.QUEUED));
    assertEquals(CampaignStatus.RUNNING, engine.campaign(KEY, third).status());

    simulation.runUntilIdle(START.plus(Duration.ofDays(3)));
    assertEquals(List.of(START, START, START.plus(DAY)), dialTimes(KEY));
    for (String id : List.of(first, second, third)) {
      assertEquals(CampaignStatus.COMPLETED, engine.campaign(KEY, id).status());
    }
  }

  @Test
  void another_keys_calls_to_the_number_do_not_count() {
    OutdialEngine engine = engine(null);
    oneCall(engine, OTHER_KEY);
    oneCall(engine, OTHER_KEY);
    oneCall(engine, OTHER_KEY);
    oneCall(engine, KEY);
    oneCall(engine, KEY);
    new Simulation(clock, engine, dialer).runFor(Duration.ofMinutes(10));

    assertEquals(List.of(START, START, START), dialTimes(OTHER_KEY));
    assertEquals(List.of(START, START), dialTimes(KEY));
  }

  @Test
  void a_call_the_dialer_could_not_place_does_not_count() {
    OutdialEngine engine = engine(null);
    oneCall(engine, KEY);
    engine.runDue();
    ScriptedDialer.Dialed refused = dialer.dialed().get(0);
    refused.ends().notPlaced(refused.call().callId(), "the provider refused the account");
    engine.runDue();
    refused.ends().dialerAvailable();
    oneCall(engine, KEY);
    new Simulation(clock, engine, dialer).runFor(Duration.ofMinutes(10));

    // The refused call and then two calls that count: the cap of two is not reached before them.
    assertEquals(List.of(START, START, START), dialTimes(KEY));
  }

  @Test
  void retries_of_one_campaign_keep_to_the_cap() {
    OutdialEngine engine = engine(null);
    engine.create(KEY, Requests.now(1).retry(List.of("no_answer"), 4, 1).build());
    new Simulation(clock, engine, dialer).runUntilIdle(START.plus(Duration.ofDays(5)));

    Instant second = START.plus(CALL).plus(Duration.ofMinutes(1));
    Instant third = START.plus(DAY); // the first call leaves the period
    Instant fourth = second.plus(DAY);
    assertEquals(List.of(START, second, third, fourth), dialTimes(KEY));
  }

  @Test
  void the_cap_counts_calls_made_before_a_restart() {
    MemoryStore store = new MemoryStore();
    OutdialEngine before = engine(store);
    oneCall(before, KEY);
    oneCall(before, KEY);
    new Simulation(clock, before, dialer).runFor(Duration.ofHours(2));
    // A crash: dropped, not closed.

    OutdialEngine after = engine(store);
    String third = oneCall(after, KEY);
    Simulation simulation = new Simulation(clock, after, dialer);
    simulation.runFor(Duration.ofHours(2));
    assertEquals(2, dialTimes(KEY).size());
    assertEquals(1, after.campaign(KEY, third).callsByStatus().get(CallStatus.QUEUED));

    simulation.runUntilIdle(START.plus(Duration.ofDays(3)));
    assertEquals(List.of(START, START, START.plus(DAY)), dialTimes(KEY));
  }

  @Test
  void the_cap_counts_calls_of_campaigns_dropped_after_their_retention() {
    MemoryStore store = new MemoryStore();
    OutdialEngine before =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .keyLimits(key -> Optional.of(CAPPED))
            .finishedRetention(Duration.ofMinutes(30))
            .store(store)
            .build();
    oneCall(before, KEY);
    oneCall(before, KEY);
    new Simulation(clock, before, dialer).runFor(Duration.ofHours(2)); // both dropped by now

    OutdialEngine after = engine(store);
    oneCall(after, KEY);
    new Simulation(clock, after, dialer).runUntilIdle(START.plus(Duration.ofDays(3)));
    assertEquals(List.of(START, START, START.plus(DAY)), dialTimes(KEY));
  }

  @Test
  void a_number_waiting_for_its_cap_costs_no_token_of_the_key() {
    // One token a minute, two at most: the first campaign's call takes one, the second's other
    // number the last. A number waiting for its cap must not spend it.
    KeyLimits slow = new KeyLimits(5, 1.0 / 60, 2, new AttemptCap(1, DAY));
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .keyLimits(key -> Optional.of(slow))
            .build();
    oneCall(engine, KEY);
    engine.runDue();
    engine.create(KEY, Requests.now(2).build()); // the same first number, then another
    engine.runDue();

    assertEquals(
        List.of(Requests.phone(0), Requests.phone(1)),
        dialer.dialed().stream().map(d -> d.call().to()).toList());
    assertEquals(List.of(START, START), dialTimes(KEY));
  }
}
