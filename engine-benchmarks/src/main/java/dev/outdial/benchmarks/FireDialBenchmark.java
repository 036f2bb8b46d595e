package dev.outdial.benchmarks;

import dev.outdial.benchmarks.baseline.FirstDial;
import dev.outdial.benchmarks.baseline.PrecomputedPoller;
import dev.outdial.benchmarks.baseline.QuartzCampaigns;
import dev.outdial.benchmarks.baseline.SeedPoller;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.KeyLimits;
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
 * Benchmark 2b, fire and first dial: {@value #CAMPAIGNS} one-recipient campaigns due at one window
 * opening, each fired <em>and</em> its one call started, in one single shot. Firing alone ({@link
 * FireBenchmark}) costs Outdial O(keys), because the campaigns of a key due at one instant fire as
 * a cohort and each one's own work (leaving the cohort, its window check and first closing, ring
 * bookkeeping) waits for its first turn in dispatch; this benchmark measures that work too, so its
 * time divided by the campaigns is a cost per campaign. Outdial over 10, 1,000 and 100,000 keys,
 * with limits that let every key start all its calls at once (the calls stay in progress); the
 * seed's poller, the precomputed poller and Quartz (a trigger firing once) fire the same campaigns
 * and place each first call with {@link FirstDial}, which is cheaper than Outdial's dial (no
 * enciphered id, no time-out, no limits).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class FireDialBenchmark {
  /** Campaigns fired and dialled in one shot. */
  public static final int CAMPAIGNS = 100_000;

  /** Every key may start all its campaigns' calls at once: no limit stops the pass. */
  static final KeyLimits UNLIMITED = new KeyLimits(CAMPAIGNS, 1e9, Integer.MAX_VALUE);

  /** Our engine: N campaigns over {@code keys} keys, all due at the opening. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"10", "1000", "100000"})
    public int keys;

    List<CampaignSpec> specs;
    EngineCore engine;
    Dialers.Silent dialer;
    String firstId;
    String lastId;

    @Setup(Level.Trial)
    public void specs() {
      specs = FireBenchmark.specsFor(CAMPAIGNS);
      warm(keys);
    }

    @Setup(Level.Iteration)
    public void create() {
      engine = null;
      dialer = new Dialers.Silent();
      engine = Fixtures.core(dialer, UNLIMITED);
      for (int i = 0; i < CAMPAIGNS; i++) {
        lastId = engine.create(key(i, keys), specs.get(i), Fixtures.BEFORE_FIRE, null).campaignId();
        if (i == 0) {
          firstId = lastId;
        }
      }
      engine.runDue(Fixtures.BEFORE_FIRE);
      Checks.require(dialer.dialled == 0, "nothing dials before the opening");
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(dialer.dialled == CAMPAIGNS, "every campaign dialled its one call");
      Checks.require(
          engine.campaign(key(0, keys), firstId, Fixtures.FIRE_AT).status()
                  == CampaignStatus.RUNNING
              && engine.campaign(key(CAMPAIGNS - 1, keys), lastId, Fixtures.FIRE_AT).status()
                  == CampaignStatus.RUNNING,
          "the first and the last campaign run");
    }

    /**
     * Warm code, as in {@link FireBenchmark#warmFiring}: 20 campaigns over min(keys, 20) keys fired
     * and dialled {@value FireBenchmark#WARM_ROUNDS} times.
     */
    static void warm(int keys) {
      List<CampaignSpec> small = FireBenchmark.specsFor(20);
      for (int round = 0; round < FireBenchmark.WARM_ROUNDS; round++) {
        Dialers.Silent dialer = new Dialers.Silent();
        EngineCore engine = Fixtures.core(dialer, UNLIMITED);
        for (int i = 0; i < small.size(); i++) {
          engine.create(key(i, keys), small.get(i), Fixtures.BEFORE_FIRE, null);
        }
        engine.runDue(Fixtures.BEFORE_FIRE);
        engine.runDue(Fixtures.FIRE_AT);
        Checks.require(dialer.dialled == 20, "the warm-up dialled");
      }
    }
  }

  /** What the baselines share: the campaigns' ids and phones, and a dialer that counts. */
  @State(Scope.Benchmark)
  public static class Campaigns {
    final String[] ids = new String[CAMPAIGNS];
    final long[] phones = Fixtures.phones(0, CAMPAIGNS);
    final Dialers.Silent dialer = new Dialers.Silent();
    final FirstDial firstDial =
        new FirstDial(dialer, "key-0", Fixtures.AGENT, Fixtures.FROM, Fixtures.PROMPT);

    @Setup(Level.Trial)
    public void ids() {
      for (int i = 0; i < CAMPAIGNS; i++) {
        ids[i] = "campaign-" + i;
      }
    }

    @Setup(Level.Iteration)
    public void count() {
      dialer.dialled = 0;
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(dialer.dialled == CAMPAIGNS, "every campaign dialled its one call");
    }

    void dial(int index) {
      firstDial.dial(ids[index], phones[index]);
    }
  }

  /** The seed's poller with the same campaigns, put back to scheduled every iteration. */
  @State(Scope.Benchmark)
  public static class Poller {
    SeedPoller poller;

    @Setup(Level.Trial)
    public void create() {
      poller = new SeedPoller();
      for (int i = 0; i < CAMPAIGNS; i++) {
        poller.add(
            Fixtures.FIRE_DATE,
            Fixtures.ZONE,
            Fixtures.WINDOW_START,
            Fixtures.WINDOW_END,
            Fixtures.DAYS);
      }
      FireBenchmark.warmPolling();
    }

    @Setup(Level.Iteration)
    public void reset() {
      poller.reset();
    }
  }

  /** The precomputed poller with the same campaigns, put back to waiting every iteration. */
  @State(Scope.Benchmark)
  public static class Precomputed {
    PrecomputedPoller poller;

    @Setup(Level.Trial)
    public void create() {
      poller = FireBenchmark.precomputed(CAMPAIGNS, Fixtures.FIRE_DATE);
      FireBenchmark.warmPrecomputed();
    }

    @Setup(Level.Iteration)
    public void reset() {
      poller.reset();
    }
  }

  /** Quartz with one trigger firing once per campaign, whose job dials; scheduled afresh. */
  @State(Scope.Benchmark)
  public static class Quartz {
    QuartzCampaigns quartz;

    @Setup(Level.Iteration)
    public void create(Campaigns campaigns) {
      quartz = new QuartzCampaigns(campaigns.firstDial);
      for (int i = 0; i < CAMPAIGNS; i++) {
        quartz.scheduleOnceDialling(Fixtures.FIRE_AT, campaigns.phones[i]);
      }
    }

    @TearDown(Level.Iteration)
    public void close() {
      quartz.close();
      quartz = null;
    }
  }

  static String key(int campaign, int keys) {
    return "key-" + campaign % keys;
  }

  @Benchmark
  public void outdial(Engine state) {
    state.engine.runDue(Fixtures.FIRE_AT);
  }

  @Benchmark
  public int seedPoller(Poller state, Campaigns campaigns) {
    return state.poller.tick(Fixtures.FIRE_AT, campaigns::dial);
  }

  @Benchmark
  public int precomputedPoller(Precomputed state, Campaigns campaigns) {
    return state.poller.tick(Fixtures.FIRE_AT, campaigns::dial);
  }

  @Benchmark
  public int quartzOnce(Quartz state) {
    int fired = state.quartz.fireDue(Fixtures.FIRE_AT);
    Checks.require(fired == CAMPAIGNS, "Quartz fired every trigger");
    return fired;
  }
}
