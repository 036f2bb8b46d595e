package dev.outdial.benchmarks;

import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.state.EngineCore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dispatch (benchmark 3) once more, timed in CPU time of the engine thread rather than wall time:
 * on a shared machine a thread waits for a core, and wall time counts the wait. Run in its own JVM
 * by {@link BenchmarkSuite}; the same setup as {@link DispatchBenchmark}; prints per repetition
 * (after {@code warmups} discarded ones) the wall and CPU nanoseconds per call started.
 *
 * <p>Arguments: {@code keys warmups repetitions}.
 */
public final class CpuProbe {
  private CpuProbe() {}

  public static void main(String[] args) {
    int keys = Integer.parseInt(args[0]);
    int warmups = Integer.parseInt(args[1]);
    int repetitions = Integer.parseInt(args[2]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int calls = DispatchBenchmark.CALLS;
    List<CampaignSpec> specs = new ArrayList<>(keys);
    for (int k = 0; k < keys; k++) {
      specs.add(
          Fixtures.spec(
              LocalDate.of(2026, 1, 1),
              Fixtures.phones((long) k * (calls / keys), calls / keys),
              null));
    }
    for (int rep = -warmups; rep < repetitions; rep++) {
      Dialers.Instant dialer = new Dialers.Instant();
      EngineCore engine = Fixtures.core(dialer, DispatchBenchmark.LIMITS);
      for (int k = 0; k < keys; k++) {
        engine.create("key-" + k, specs.get(k), Fixtures.BEFORE_FIRE, null);
      }
      engine.runDue(Fixtures.BEFORE_FIRE);
      System.gc();
      long wall = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      engine.runDue(Fixtures.FIRE_AT);
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      wall = System.nanoTime() - wall;
      Checks.require(dialer.dialled == calls, "every call was dialled");
      if (rep >= 0) {
        System.out.println(
            String.format(
                Locale.ROOT,
                "ns-per-call wall %.3f cpu %.3f",
                (double) wall / calls,
                (double) cpu / calls));
      }
    }
  }
}
