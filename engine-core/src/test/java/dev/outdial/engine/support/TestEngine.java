package dev.outdial.engine.support;

import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** A deterministic engine with a scripted dialer, a recording listener and the seed's agent. */
public final class TestEngine {
  public final SettableClock clock;
  public final ScriptedDialer dialer;
  public final RecordingListener listener = new RecordingListener();
  public final OutdialEngine engine;
  public final Simulation simulation;

  private TestEngine(
      Instant start,
      Function<OutboundCall, Outcome> script,
      KeyLimits defaults,
      Map<String, KeyLimits> perKey,
      Duration maxCallDuration,
      Agent... agents) {
    this.clock = new SettableClock(start);
    this.dialer = new ScriptedDialer(clock, script);
    this.engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(agents))
            .defaultLimits(defaults)
            .keyLimits(KeyLimitsSource.of(perKey))
            .listener(listener)
            .maxCallDuration(maxCallDuration)
            .timeoutGrace(Duration.ofMinutes(2))
            .build();
    this.simulation = new Simulation(clock, engine, dialer);
  }

  /** Starts at {@code start}; every call is answered for 30 s; limits 2 concurrent, 1/s. */
  public static TestEngine at(Instant start) {
    return at(start, call -> Outcome.answeredFor(Duration.ofSeconds(30)));
  }

  public static TestEngine at(Instant start, Function<OutboundCall, Outcome> script) {
    return new TestEngine(
        start,
        script,
        new KeyLimits(2, 1.0, 1),
        Map.of(),
        Duration.ofMinutes(10),
        SeedRequests.SEED_AGENT);
  }

  public static TestEngine with(
      Instant start,
      Function<OutboundCall, Outcome> script,
      KeyLimits defaults,
      Map<String, KeyLimits> perKey,
      Agent... agents) {
    return new TestEngine(start, script, defaults, perKey, Duration.ofMinutes(10), agents);
  }
}
