package dev.outdial.benchmarks;

import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.compliance.LocalHours;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.KeyLimits;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * The recipient-local hours guard (issue 14): what it adds to a dial and to a pass, one campaign of
 * {@value #RECIPIENTS} waiting recipients spread over the 50 lanes of {@link GuardFixtures}, driven
 * through the engine core (see {@link Fixtures#core}).
 *
 * <p>{@link #dial}: one pass starting {@value #CALLS} calls (single shot, a fresh engine and
 * campaign every iteration; the key's bucket holds exactly that many tokens and the clock stands
 * still, so the pass stops there; the dialer ends every call inside {@code dial}, as in {@link
 * DispatchBenchmark}). The score is time per call started. {@code guard}: {@code off} the campaign
 * unguarded; {@code allOpen} guarded with every lane open ({@link GuardFixtures#ALL_OPEN}: each
 * dial asks one lane, whose open stretch is cached); {@code fiveOpen} guarded with 5 lanes of 50
 * open ({@link GuardFixtures#FIVE_OPEN}: each dial walks the ring of lanes past the closed ones,
 * asking each closed lane's hours again).
 *
 * <p>{@link #pass}: the pass that finds the campaign cannot dial and sets its timer, over {@value
 * #PASSES} engines each holding one campaign created running and not yet dispatched (single shot;
 * the score is time per pass; engines and campaigns are built, and the heap collected, before the
 * shot, so that no collection falls inside it). {@code guard}: {@code off} an unguarded campaign
 * whose window is closed ({@link Fixtures#BEFORE_FIRE}: one window question, a timer for its
 * opening); {@code allClosed} a guarded campaign whose window is open and every lane closed ({@link
 * Fixtures#FIRE_AT}, 04:00 in New York: each lane asked whether it is open and when it next opens,
 * a timer for the earliest). With {@code recipients} 1,000 and 10^6, to show the pass does not
 * depend on how many wait.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class GuardBenchmark {
  public static final int RECIPIENTS = 1_000_000;
  public static final int CALLS = 50_000;

  /**
   * Concurrency 10; a bucket of exactly {@link #CALLS} tokens, refilled at one a second by a clock
   * that stands still: never. (At the slowest rate the bucket's capacity in nanoseconds would
   * overflow.)
   */
  static final KeyLimits LIMITS = new KeyLimits(10, 1.0, CALLS);

  static final int WARM_CALLS = 5_000;
  static final int WARM_ROUNDS = 20;
  static final int WARM_PASSES = 5_000;

  /** Passes a shot of {@link #pass} times, each over its own engine and campaign. */
  static final int PASSES = 100;

  /** The campaign and its engine for {@link #dial}. */
  @State(Scope.Benchmark)
  public static class Dialling {
    @Param({"off", "allOpen", "fiveOpen"})
    public String guard;

    CampaignSpec spec;
    Instant at;
    EngineCore engine;
    Dialers.Instant dialer;
    String id;

    @Setup(Level.Trial)
    public void spec() {
      CampaignSpec plain = GuardFixtures.running(RECIPIENTS);
      LocalHours[] lanes = GuardFixtures.lanes();
      spec =
          guard.equals("off")
              ? plain
              : GuardFixtures.guarded(plain, GuardFixtures.hours(lanes, RECIPIENTS));
      at = guard.equals("fiveOpen") ? GuardFixtures.FIVE_OPEN : GuardFixtures.ALL_OPEN;
      warm(guard.equals("off") ? null : lanes);
    }

    /**
     * A single shot runs the pass once an iteration: so that the first measured ones do not run
     * interpreted code, each fork first dials {@value #WARM_CALLS} calls {@value #WARM_ROUNDS}
     * times from a small campaign like the measured one.
     */
    private void warm(LocalHours @Nullable [] lanes) {
      CampaignSpec small = GuardFixtures.running(20 * WARM_CALLS);
      if (lanes != null) {
        small = GuardFixtures.guarded(small, GuardFixtures.hours(lanes, 20 * WARM_CALLS));
      }
      KeyLimits limits = new KeyLimits(10, 1.0, WARM_CALLS);
      for (int round = 0; round < WARM_ROUNDS; round++) {
        Dialers.Instant warmDialer = new Dialers.Instant();
        EngineCore warmEngine = Fixtures.core(warmDialer, limits, at);
        warmEngine.create("key-0", small, at, null);
        warmEngine.runDue(at);
        Checks.require(warmDialer.dialled == WARM_CALLS, "the warm-up dialled");
      }
    }

    @Setup(Level.Iteration)
    public void create() {
      engine = null;
      dialer = new Dialers.Instant();
      engine = Fixtures.core(dialer, LIMITS, at);
      id = engine.create("key-0", spec, at, null).campaignId();
      Checks.require(
          engine.campaign("key-0", id, at).status() == CampaignStatus.RUNNING,
          "the campaign runs from its creation");
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(dialer.dialled == CALLS, "the pass dialled every token: " + dialer.dialled);
      Checks.require(
          engine.campaign("key-0", id, at).status() == CampaignStatus.RUNNING,
          "recipients still wait");
    }
  }

  /** {@value #PASSES} engines, each with its campaign, for one shot of {@link #pass}. */
  @State(Scope.Benchmark)
  public static class Passing {
    @Param({"off", "allClosed"})
    public String guard;

    @Param({"1000", "1000000"})
    public int recipients;

    CampaignSpec spec;
    Instant at;
    Instant expectedTimer;
    EngineCore[] engines = new EngineCore[PASSES];
    Dialers.Silent dialer;

    @Setup(Level.Trial)
    public void spec() {
      CampaignSpec plain = GuardFixtures.unscheduled(GuardFixtures.running(recipients));
      if (guard.equals("off")) {
        spec = plain;
        at = Fixtures.BEFORE_FIRE;
        expectedTimer = Fixtures.FIRE_AT;
      } else {
        spec = GuardFixtures.guarded(plain, GuardFixtures.hours(GuardFixtures.lanes(), recipients));
        at = Fixtures.FIRE_AT;
        expectedTimer = GuardFixtures.FIRST_OPENING;
      }
      warm();
    }

    /** The same pass on a small campaign, {@value #WARM_PASSES} times, before measuring. */
    private void warm() {
      CampaignSpec small =
          guard.equals("off")
              ? GuardFixtures.unscheduled(GuardFixtures.running(50))
              : GuardFixtures.guarded(
                  GuardFixtures.unscheduled(GuardFixtures.running(50)),
                  GuardFixtures.hours(GuardFixtures.lanes(), 50));
      for (int round = 0; round < WARM_PASSES; round++) {
        EngineCore warmEngine = Fixtures.core(new Dialers.Silent(), KeyLimits.DEFAULT, at);
        warmEngine.create("key-0", small, at, null);
        warmEngine.runDue(at);
        Checks.require(expectedTimer.equals(warmEngine.nextDeadline(at)), "the warm-up passed");
      }
    }

    @Setup(Level.Iteration)
    public void create() {
      Arrays.fill(engines, null);
      System.gc(); // the last iteration's engines: collected here, not during the shot
      dialer = new Dialers.Silent();
      for (int i = 0; i < PASSES; i++) {
        engines[i] = Fixtures.core(dialer, KeyLimits.DEFAULT, at);
        engines[i].create("key-0", spec, at, null);
      }
      System.gc(); // the garbage of creating them, so that no collection falls in the shot
    }

    @TearDown(Level.Iteration)
    public void check() {
      Checks.require(dialer.dialled == 0, "nothing dials");
      for (EngineCore engine : engines) {
        Checks.require(
            expectedTimer.equals(engine.nextDeadline(at)),
            "the pass set the timer for " + expectedTimer + ", not " + engine.nextDeadline(at));
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(CALLS)
  @Warmup(iterations = 5)
  @Measurement(iterations = 10)
  public void dial(Dialling state) {
    state.engine.runDue(state.at);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(PASSES)
  @Warmup(iterations = 5)
  @Measurement(iterations = 10)
  // Serial: the setup's System.gc() is a full stop-the-world collection, and no collector thread
  // runs concurrently with the shot.
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xms5g", "-Xmx5g", "-XX:+UseSerialGC"})
  public void pass(Passing state) {
    for (EngineCore engine : state.engines) {
      engine.runDue(state.at);
    }
  }
}
