package dev.outdial.benchmarks;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 6, end to end: 100,000 recipients in 100 campaigns of 1,000 over 10 keys (10 calls at a
 * time, a call every 4 s, burst 5), created on Sunday 2026-06-14 noon UTC, all with the 09:00-18:00
 * weekday London window, half of them scheduled for Monday and half {@code now}; a {@link
 * ScriptedDialer} ends each call after 5-45 s as completed, voicemail, no answer or busy. A {@link
 * Simulation} runs it from the first {@code create} to the last call's end (Tuesday, since the rate
 * outlasts Monday's window) in deterministic time. The score is wall seconds for the whole; run
 * with {@code -prof gc}, {@code gc.alloc.rate.norm / 100,000} is the allocation per call (including
 * the scripted dialer's own bookkeeping).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class EndToEndBenchmark {
  public static final int CAMPAIGNS = 100;
  public static final int PER_CAMPAIGN = 1_000;
  public static final int KEYS = 10;
  static final Instant START = Instant.parse("2026-06-14T12:00:00Z");
  static final KeyLimits LIMITS = new KeyLimits(10, 0.25, 5);

  @State(Scope.Benchmark)
  public static class Run {
    /** Recipients per campaign: 1,000 for the measured run (the quick smoke run uses fewer). */
    @Param({"1000"})
    public int perCampaign;

    List<BatchCampaignRequest> requests;
    SettableClock clock;
    ScriptedDialer dialer;
    OutdialEngine engine;
    List<String> ids;

    @Setup(Level.Trial)
    public void requests() {
      requests = new ArrayList<>(CAMPAIGNS);
      for (int c = 0; c < CAMPAIGNS; c++) {
        BatchCampaignRequest scheduled =
            Fixtures.scheduled(
                Fixtures.FIRE_DATE, Fixtures.recipients((long) c * perCampaign, perCampaign));
        requests.add(
            c % 2 == 0
                ? scheduled
                : BatchCampaignRequest.builder()
                    .agentId(scheduled.agentId())
                    .prompt(scheduled.prompt())
                    .timezone(scheduled.timezone())
                    .recipients(scheduled.recipients())
                    .window(Fixtures.WINDOW_START, Fixtures.WINDOW_END)
                    .windowDays(Fixtures.DAY_NAMES)
                    .build());
      }
    }

    @Setup(Level.Invocation)
    public void engine() {
      engine = null;
      clock = new SettableClock(START);
      dialer = new ScriptedDialer(clock, call -> outcome(call.to()));
      engine = Fixtures.engine(clock, dialer, LIMITS);
      ids = new ArrayList<>(CAMPAIGNS);
    }

    @TearDown(Level.Invocation)
    public void check() {
      Checks.require(dialer.dialed().size() == CAMPAIGNS * perCampaign, "every call dialled");
      // Run until idle, each campaign was also dropped a day after it completed: none is left
      // open, and nothing here cancels.
      Checks.require(ids.size() == CAMPAIGNS, "every campaign created");
      Checks.require(engine.openCampaigns().isEmpty(), "every campaign completed");
    }
  }

  static Outcome outcome(String phone) {
    int h = phone.hashCode() & 0xff;
    if (h < 150) {
      return Outcome.answeredFor(Duration.ofSeconds(20 + h % 26));
    }
    if (h < 200) {
      return Outcome.voicemailAfter(Duration.ofSeconds(20));
    }
    if (h < 230) {
      return Outcome.noAnswerAfter(Duration.ofSeconds(30));
    }
    return Outcome.busyAfter(Duration.ofSeconds(5));
  }

  @Benchmark
  public Instant outdial(Run run) {
    for (int c = 0; c < CAMPAIGNS; c++) {
      run.ids.add(run.engine.create("key-" + c % KEYS, run.requests.get(c)).campaignId());
    }
    return new Simulation(run.clock, run.engine, run.dialer).runUntilIdle(Instant.MAX);
  }
}
