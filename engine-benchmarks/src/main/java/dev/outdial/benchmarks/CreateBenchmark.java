package dev.outdial.benchmarks;

import dev.outdial.engine.BatchCampaignRequest;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12's target: one {@code OutdialEngine.create} of a campaign of N recipients whose phones
 * are already E.164 (distinct UK mobiles, {@link Fixtures#phone}), checks included, on a
 * deterministic engine: one measured invocation is the whole call (single shot, a fresh engine
 * every iteration). {@code store} names where the engine commits the campaign; only {@code memory}
 * exists so far, and a durable store is one more value of the parameter and one more case in {@link
 * Engine#engine}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class CreateBenchmark {

  /** The request, built once, and a fresh engine before each create. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"memory"})
    public String store;

    @Param({"100000"})
    public int recipients;

    BatchCampaignRequest request;
    OutdialEngine engine;
    CampaignCreated created;

    @Setup(Level.Trial)
    public void request() {
      request = Fixtures.scheduled(Fixtures.FIRE_DATE, Fixtures.recipients(0, recipients));
    }

    @Setup(Level.Iteration)
    public void engine() {
      engine = null;
      created = null;
      SettableClock clock = new SettableClock(Fixtures.BEFORE_FIRE);
      engine =
          switch (store) {
            case "memory" -> Fixtures.engine(clock, new Dialers.Silent(), KeyLimits.DEFAULT);
            default -> throw new IllegalArgumentException("store '" + store + "' is not known");
          };
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(
          created != null && created.validCount() == recipients && created.invalidCount() == 0,
          "every recipient was checked valid and the campaign created");
      engine.close();
    }
  }

  @Benchmark
  public CampaignCreated create(Engine state) {
    state.created = state.engine.create("key-0", state.request);
    return state.created;
  }
}
