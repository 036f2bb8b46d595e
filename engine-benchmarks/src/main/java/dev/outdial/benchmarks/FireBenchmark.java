package dev.outdial.benchmarks;

import dev.outdial.benchmarks.baseline.QuartzCampaigns;
import dev.outdial.benchmarks.baseline.SeedPoller;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.internal.CampaignSpec;
import dev.outdial.engine.internal.EngineCore;
import dev.outdial.engine.spi.KeyLimits;
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
 * Benchmark 2, fire: N campaigns scheduled for the same Monday, all becoming due when their window
 * opens at 09:00 London. One measured invocation fires all N (single shot, fresh campaigns every
 * iteration); campaigns per second = N / score. Ours is one {@code runDue(now)} of the engine core
 * at the opening (campaigns registered without request checks, see {@link Fixtures#core}); the
 * seed's poller is the tick that finds them due; Quartz fires N due triggers. Scheduling (creating
 * the N campaigns or triggers) is measured apart, for ours and Quartz.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class FireBenchmark {

  /** N campaigns of one recipient each over 10 keys (default limits), all firing together. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    List<CampaignSpec> specs;
    EngineCore engine;
    String lastId;

    @Setup(Level.Trial)
    public void specs() {
      specs = specsFor(campaigns);
    }

    @Setup(Level.Iteration)
    public void create() {
      engine = null;
      engine = Fixtures.core(new Dialers.Silent(), KeyLimits.DEFAULT, Fixtures.BEFORE_FIRE);
      for (int i = 0; i < campaigns; i++) {
        lastId = engine.create("key-" + i % 10, specs.get(i), Fixtures.BEFORE_FIRE).campaignId();
      }
      engine.runDue(Fixtures.BEFORE_FIRE);
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(
          engine.campaign("key-" + (campaigns - 1) % 10, lastId, Fixtures.FIRE_AT).status()
              == CampaignStatus.RUNNING,
          "the last campaign fired");
    }
  }

  /**
   * Registering N checked campaigns ({@code EngineCore.create}: ids, window, firing timer), for
   * comparison with Quartz's scheduling; the request checks (phone parsing) are not included.
   */
  @State(Scope.Benchmark)
  public static class Creating {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    List<CampaignSpec> specs;
    EngineCore engine;

    @Setup(Level.Trial)
    public void specs() {
      specs = specsFor(campaigns);
    }

    @Setup(Level.Iteration)
    public void engine() {
      engine = null;
      engine = Fixtures.core(new Dialers.Silent(), KeyLimits.DEFAULT, Fixtures.BEFORE_FIRE);
    }
  }

  /** The seed's poller with the same campaigns, put back to scheduled every iteration. */
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
            Fixtures.FIRE_DATE,
            Fixtures.ZONE,
            Fixtures.WINDOW_START,
            Fixtures.WINDOW_END,
            Fixtures.DAYS);
      }
    }

    @Setup(Level.Iteration)
    public void reset() {
      poller.reset();
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(poller.runningCount() == campaigns, "the poller fired every campaign");
    }
  }

  /** Quartz with the same campaigns as triggers, scheduled afresh every iteration. */
  @State(Scope.Benchmark)
  public static class Quartz {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    QuartzCampaigns quartz;

    @Setup(Level.Iteration)
    public void create() {
      quartz = new QuartzCampaigns();
      for (int i = 0; i < campaigns; i++) {
        quartz.schedule(Fixtures.FIRE_DATE, Fixtures.ZONE, Fixtures.WINDOW_START, Fixtures.DAYS);
      }
    }

    @TearDown(Level.Iteration)
    public void close() {
      quartz.close();
      quartz = null;
    }
  }

  /** An empty Quartz scheduler, to measure scheduling N triggers. */
  @State(Scope.Benchmark)
  public static class QuartzEmpty {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    QuartzCampaigns quartz;

    @Setup(Level.Iteration)
    public void create() {
      quartz = new QuartzCampaigns();
    }

    @TearDown(Level.Iteration)
    public void close() {
      Checks.require(quartz.size() == campaigns, "Quartz holds every trigger");
      quartz.close();
      quartz = null;
    }
  }

  /** One checked campaign of one recipient per N, each with its own window. */
  static List<CampaignSpec> specsFor(int campaigns) {
    List<CampaignSpec> specs = new ArrayList<>(campaigns);
    for (int i = 0; i < campaigns; i++) {
      specs.add(Fixtures.spec(Fixtures.FIRE_DATE, Fixtures.phones(i, 1), null));
    }
    return specs;
  }

  @Benchmark
  public void outdial(Engine state) {
    state.engine.runDue(Fixtures.FIRE_AT);
  }

  @Benchmark
  public int seedPoller(Poller state) {
    return state.poller.tick(Fixtures.FIRE_AT);
  }

  @Benchmark
  public int quartz(Quartz state) {
    int fired = state.quartz.fireDue(Fixtures.FIRE_AT);
    Checks.require(fired == state.campaigns, "Quartz fired every trigger");
    return fired;
  }

  @Benchmark
  public void scheduleOutdial(Creating state) {
    for (int i = 0; i < state.campaigns; i++) {
      state.engine.create("key-" + i % 10, state.specs.get(i), Fixtures.BEFORE_FIRE);
    }
  }

  @Benchmark
  public void scheduleQuartz(QuartzEmpty state) {
    for (int i = 0; i < state.campaigns; i++) {
      state.quartz.schedule(
          Fixtures.FIRE_DATE, Fixtures.ZONE, Fixtures.WINDOW_START, Fixtures.DAYS);
    }
  }
}
