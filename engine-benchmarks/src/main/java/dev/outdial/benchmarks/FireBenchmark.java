package dev.outdial.benchmarks;

import dev.outdial.benchmarks.baseline.PrecomputedPoller;
import dev.outdial.benchmarks.baseline.QuartzCampaigns;
import dev.outdial.benchmarks.baseline.SeedPoller;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * opens at 09:00 London over 10 keys. One measured invocation is the pass at the opening (single
 * shot, fresh campaigns every iteration). Ours is one {@code runDue(now)} of the engine core
 * (campaigns registered without request checks, see {@link Fixtures#core}): the campaigns of a key
 * fire as one cohort, so its time is a latency proportional to the keys (10), not to N, and each
 * campaign's own work moves to its first turn in dispatch ({@link FireDialBenchmark} measures both
 * together). The seed's poller and the precomputed poller are the tick that finds them due; Quartz
 * fires N due cron triggers, or N triggers firing once. Scheduling (creating the N campaigns or
 * triggers) is measured apart, for ours and Quartz.
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
    Dialers.Silent dialer;
    String firstId;
    String lastId;

    @Setup(Level.Trial)
    public void specs() {
      specs = specsFor(campaigns);
      warmFiring();
    }

    /** The engine's listener: none, as for a host that installs none. */
    EngineListener listener() {
      return EngineListener.none();
    }

    @Setup(Level.Iteration)
    public void create() {
      engine = null;
      dialer = new Dialers.Silent();
      engine = Fixtures.core(dialer, KeyLimits.DEFAULT, Fixtures.FIRE_AT, listener());
      for (int i = 0; i < campaigns; i++) {
        lastId =
            engine.create("key-" + i % 10, specs.get(i), Fixtures.BEFORE_FIRE, null).campaignId();
        if (i == 0) {
          firstId = lastId;
        }
      }
      engine.runDue(Fixtures.BEFORE_FIRE);
      Checks.require(dialer.dialled == 0, "nothing dials before the opening");
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(
          engine.campaign("key-0", firstId, Fixtures.FIRE_AT).status() == CampaignStatus.RUNNING
              && engine.campaign("key-" + (campaigns - 1) % 10, lastId, Fixtures.FIRE_AT).status()
                  == CampaignStatus.RUNNING,
          "the first and the last campaign fired");
      Checks.require(dialer.dialled == 10, "each of the 10 keys dialled its first call (burst 1)");
    }
  }

  /**
   * The same, with the listener the standalone server installs: its recipient ledger hears final
   * statuses only (it frees a campaign's recipients from its books) and not firings. This one does
   * the same on a map, so that the benchmarks need not depend on the server.
   */
  @State(Scope.Benchmark)
  public static class ServerListening extends Engine {
    @Override
    EngineListener listener() {
      Map<String, Boolean> held = new HashMap<>();
      return new EngineListener() {
        @Override
        public void onCampaign(CampaignEvent event) {
          if (event.status().isFinal()) {
            held.remove(event.campaignId());
          } else {
            held.put(event.campaignId(), Boolean.TRUE);
          }
        }

        @Override
        public boolean hearsFirings() {
          return false;
        }
      };
    }
  }

  /**
   * Registering N checked campaigns ({@code EngineCore.create}: ids, window, firing timer), for
   * comparison with Quartz's scheduling; the request checks (phone parsing) are not included. Each
   * campaign's window is built inside the timing ({@code CallingWindow.of}, as the checks build
   * it), as Quartz's cron expression is built and parsed inside its timing.
   */
  @State(Scope.Benchmark)
  public static class Creating {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    EngineCore engine;

    @Setup(Level.Iteration)
    public void engine() {
      engine = null;
      engine = Fixtures.core(new Dialers.Silent(), KeyLimits.DEFAULT);
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
      warmPolling();
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

  /** The precomputed poller with the same campaigns, put back to waiting every iteration. */
  @State(Scope.Benchmark)
  public static class Precomputed {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    PrecomputedPoller poller;

    @Setup(Level.Trial)
    public void create() {
      warmPrecomputed();
      poller = precomputed(campaigns, Fixtures.FIRE_DATE);
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

  /** Quartz with the same campaigns as triggers firing once at the opening, every iteration. */
  @State(Scope.Benchmark)
  public static class QuartzOnce {
    @Param({"1000", "10000", "100000", "1000000"})
    public int campaigns;

    QuartzCampaigns quartz;

    @Setup(Level.Iteration)
    public void create() {
      quartz = new QuartzCampaigns();
      for (int i = 0; i < campaigns; i++) {
        quartz.scheduleOnce(Fixtures.FIRE_AT);
      }
    }

    @TearDown(Level.Iteration)
    public void close() {
      quartz.close();
      quartz = null;
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

  /** Rounds of a small firing (or polling) pass run before measuring; see {@link #warmFiring}. */
  static final int WARM_ROUNDS = 3_000;

  /**
   * A single shot runs the firing pass once per iteration, so with only the warm-up iterations its
   * code (the pass, the firing, the first dial of each key) would be measured while still
   * interpreted, a fixed cost of about a millisecond that hides the work. In a running engine that
   * code is hot: every opening and every dial runs it. So each fork first fires a small engine of
   * 20 campaigns over the same 10 keys {@value #WARM_ROUNDS} times.
   */
  static void warmFiring() {
    List<CampaignSpec> small = specsFor(20);
    for (int round = 0; round < WARM_ROUNDS; round++) {
      Dialers.Silent dialer = new Dialers.Silent();
      EngineCore engine = Fixtures.core(dialer, KeyLimits.DEFAULT);
      for (int i = 0; i < small.size(); i++) {
        engine.create("key-" + i % 10, small.get(i), Fixtures.BEFORE_FIRE, null);
      }
      engine.runDue(Fixtures.BEFORE_FIRE);
      engine.runDue(Fixtures.FIRE_AT);
      Checks.require(dialer.dialled == 10, "the warm-up fired");
    }
  }

  /**
   * The same warm-up for the seed's poller: its tick over 20 campaigns, {@value #WARM_ROUNDS}
   * times.
   */
  static void warmPolling() {
    SeedPoller small = new SeedPoller();
    for (int i = 0; i < 20; i++) {
      small.add(
          Fixtures.FIRE_DATE,
          Fixtures.ZONE,
          Fixtures.WINDOW_START,
          Fixtures.WINDOW_END,
          Fixtures.DAYS);
    }
    for (int round = 0; round < WARM_ROUNDS; round++) {
      small.reset();
      Checks.require(small.tick(Fixtures.FIRE_AT) == 20, "the warm-up fired");
    }
  }

  /** The same warm-up for the precomputed poller. */
  static void warmPrecomputed() {
    PrecomputedPoller small = precomputed(20, Fixtures.FIRE_DATE);
    for (int round = 0; round < WARM_ROUNDS; round++) {
      small.reset();
      Checks.require(small.tick(Fixtures.FIRE_AT) == 20, "the warm-up fired");
    }
  }

  /** A precomputed poller of {@code campaigns} campaigns scheduled for {@code date}. */
  static PrecomputedPoller precomputed(int campaigns, LocalDate date) {
    PrecomputedPoller poller = new PrecomputedPoller();
    for (int i = 0; i < campaigns; i++) {
      poller.add(date, Fixtures.ZONE, Fixtures.WINDOW_START, Fixtures.DAYS);
    }
    return poller;
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
  public void outdialServerListener(ServerListening state) {
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
  public int precomputedPoller(Precomputed state) {
    return state.poller.tick(Fixtures.FIRE_AT);
  }

  @Benchmark
  public int quartzOnce(QuartzOnce state) {
    int fired = state.quartz.fireDue(Fixtures.FIRE_AT);
    Checks.require(fired == state.campaigns, "Quartz fired every trigger");
    return fired;
  }

  @Benchmark
  public void scheduleOutdial(Creating state) {
    for (int i = 0; i < state.campaigns; i++) {
      state.engine.create(
          "key-" + i % 10,
          Fixtures.spec(Fixtures.FIRE_DATE, Fixtures.phones(i, 1), null),
          Fixtures.BEFORE_FIRE,
          null);
    }
  }

  @Benchmark
  public void scheduleQuartzOnce(QuartzEmpty state) {
    for (int i = 0; i < state.campaigns; i++) {
      state.quartz.scheduleOnce(Fixtures.FIRE_AT);
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
