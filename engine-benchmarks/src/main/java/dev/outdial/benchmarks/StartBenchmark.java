package dev.outdial.benchmarks;

import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.SettableClock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12's target: durable call starts per second. A deterministic engine on {@code store}
 * (memory, SQLite or PostgreSQL; see {@link Stores}) holds one campaign of {@link #CALLS}
 * recipients, created (checks and commit included, outside the measurement) with the clock inside
 * its window. One invocation starts every call: {@code runDue()} passes, each of which plans up to
 * {@code perPass} calls (the key's concurrency limit; its token bucket never runs dry), commits
 * their intents, with the previous pass's ends, in one transaction, then dials them; between two
 * passes the dialer reports every call it was given completed ({@link Dialers.BatchEnding}). The
 * score is time per call started, so call starts per second = 10^9 / score in ns.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(StartBenchmark.CALLS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StartBenchmark {
  public static final int CALLS = 50_000;

  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"memory", "sqlite", "postgres"})
    public String store;

    @Param({"1000"})
    public int perPass;

    OutdialEngine engine;
    Dialers.BatchEnding dialer;
    SettableClock clock;
    CampaignCreated created;

    @Setup(Level.Iteration)
    public void create() {
      engine = null;
      dialer = new Dialers.BatchEnding();
      clock = new SettableClock(Fixtures.FIRE_AT);
      engine =
          Fixtures.engine(
              clock, dialer, new KeyLimits(perPass, 1e9, Integer.MAX_VALUE), Stores.open(store));
      created =
          engine.create(
              "key-0", Fixtures.scheduled(Fixtures.FIRE_DATE, Fixtures.recipients(0, CALLS)));
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(dialer.dialled == CALLS, "every call was dialled, was " + dialer.dialled);
      engine.close();
    }
  }

  @Benchmark
  public long start(Engine state) {
    Dialers.BatchEnding dialer = state.dialer;
    while (dialer.dialled < CALLS) {
      long before = dialer.dialled;
      state.engine.runDue();
      Checks.require(dialer.dialled > before, "each pass starts calls");
      dialer.endAll();
    }
    return dialer.dialled;
  }
}
