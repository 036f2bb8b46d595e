package dev.outdial.benchmarks;

import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.KeyLimits;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 * Benchmark 3, dispatch: {@link #CALLS} calls started, one engine thread, through each key's
 * concurrency limit (10 calls in progress) and token bucket (consulted for every call; rate and
 * burst high enough never to stop it, since the clock stands still), with a dialer that answers and
 * ends every call inside {@code dial}. One invocation runs every call to the end; the score is time
 * per call started, so call starts per second = 10^9 / score in ns. With 1 key one campaign holds
 * all calls; with 1,000 keys each key has its own campaign of {@code CALLS / 1000}. The campaigns
 * are due already and fire at the 09:00 opening, in the measured pass; they are registered without
 * request checks (see {@link Fixtures#core}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(DispatchBenchmark.CALLS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class DispatchBenchmark {
  public static final int CALLS = 200_000;

  /** Concurrency 10; a token every nanosecond with a burst of 2^31 - 1: never out of tokens. */
  public static final KeyLimits LIMITS = new KeyLimits(10, 1e9, Integer.MAX_VALUE);

  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"1", "1000"})
    public int keys;

    List<CampaignSpec> specs;
    EngineCore engine;
    Dialers.Instant dialer;
    String lastId;

    @Setup(Level.Trial)
    public void specs() {
      specs = new ArrayList<>(keys);
      int perKey = CALLS / keys;
      for (int k = 0; k < keys; k++) {
        specs.add(
            Fixtures.spec(
                LocalDate.of(2026, 1, 1), Fixtures.phones((long) k * perKey, perKey), null));
      }
    }

    @Setup(Level.Iteration)
    public void create() {
      engine = null;
      dialer = new Dialers.Instant();
      engine = Fixtures.core(dialer, LIMITS);
      for (int k = 0; k < keys; k++) {
        lastId = engine.create("key-" + k, specs.get(k), Fixtures.BEFORE_FIRE, null).campaignId();
      }
      engine.runDue(Fixtures.BEFORE_FIRE);
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(dialer.dialled == CALLS, "every call was dialled");
      Checks.require(
          engine.campaign("key-" + (keys - 1), lastId, Fixtures.FIRE_AT).status()
              == CampaignStatus.COMPLETED,
          "the campaigns completed");
    }
  }

  @Benchmark
  public void outdial(Engine state) {
    state.engine.runDue(Fixtures.FIRE_AT);
  }
}
