package dev.outdial.benchmarks;

import dev.outdial.benchmarks.baseline.PrecomputedPoller;
import dev.outdial.benchmarks.baseline.QuartzCampaigns;
import dev.outdial.benchmarks.baseline.SeedPoller;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.KeyLimits;
import java.time.Instant;
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
 * Benchmark 1, idle tick: N campaigns scheduled on later days, none due; the cost of one pass of
 * the scheduler at an instant when nothing is due. Ours is {@code runDue(now)} of the engine core
 * (what {@code OutdialEngine.runDue()} calls; see {@link Fixtures#core}); the seed's poller scans
 * all N, converting the instant to each campaign's zone; the precomputed poller scans all N with
 * one {@code long} comparison each; Quartz's scheduler thread asks its store for triggers due
 * within its idle wait.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class IdleTickBenchmark {

  /** Our engine with N waiting campaigns of one recipient each, over 10 keys. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    EngineCore engine;

    @Setup(Level.Trial)
    public void create() {
      engine = Fixtures.core(new Dialers.Silent(), KeyLimits.DEFAULT);
      for (int i = 0; i < campaigns; i++) {
        engine.create(
            "key-" + i % 10,
            Fixtures.spec(Fixtures.idleDate(i), Fixtures.phones(i, 1), null),
            Fixtures.IDLE_NOW,
            null);
      }
      engine.runDue(Fixtures.IDLE_NOW);
    }

    @TearDown(Level.Trial)
    public void check() {
      Instant next = engine.nextDeadline(Fixtures.IDLE_NOW);
      Checks.require(next != null && next.isAfter(Fixtures.IDLE_NOW), "nothing is due");
    }
  }

  /** The seed's poller with the same N campaigns. */
  @State(Scope.Benchmark)
  public static class Poller {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    SeedPoller poller;

    @Setup(Level.Trial)
    public void create() {
      poller = new SeedPoller();
      for (int i = 0; i < campaigns; i++) {
        poller.add(
            Fixtures.idleDate(i),
            Fixtures.ZONE,
            Fixtures.WINDOW_START,
            Fixtures.WINDOW_END,
            Fixtures.DAYS);
      }
    }
  }

  /** The precomputed poller with the same N campaigns. */
  @State(Scope.Benchmark)
  public static class Precomputed {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    PrecomputedPoller poller;

    @Setup(Level.Trial)
    public void create() {
      poller = new PrecomputedPoller();
      for (int i = 0; i < campaigns; i++) {
        poller.add(Fixtures.idleDate(i), Fixtures.ZONE, Fixtures.WINDOW_START, Fixtures.DAYS);
      }
    }
  }

  /** Quartz with the same N campaigns as cron triggers. */
  @State(Scope.Benchmark)
  public static class Quartz {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    QuartzCampaigns quartz;

    @Setup(Level.Trial)
    public void create() {
      quartz = new QuartzCampaigns();
      for (int i = 0; i < campaigns; i++) {
        quartz.schedule(Fixtures.idleDate(i), Fixtures.ZONE, Fixtures.WINDOW_START, Fixtures.DAYS);
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      quartz.close();
    }
  }

  @Benchmark
  public void outdial(Engine state) {
    state.engine.runDue(Fixtures.IDLE_NOW);
  }

  @Benchmark
  public int seedPoller(Poller state) {
    return state.poller.tick(Fixtures.IDLE_NOW);
  }

  @Benchmark
  public int precomputedPoller(Precomputed state) {
    return state.poller.tick(Fixtures.IDLE_NOW);
  }

  @Benchmark
  public int quartz(Quartz state) {
    return state.quartz.idlePass(Fixtures.IDLE_NOW);
  }
}
