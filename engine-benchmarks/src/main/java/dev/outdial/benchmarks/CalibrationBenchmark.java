package dev.outdial.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast this machine's core runs, to read every other figure by: one step of a chain of
 * dependent 64-bit multiply-adds (a linear congruential generator, which the JIT can neither
 * vectorise nor shorten), in ns. On x86-64 cores since Intel Sandy Bridge and AMD Zen a step takes
 * 4 cycles, a 3-cycle 64-bit multiply then a 1-cycle add (Agner Fog's instruction tables), so 4 /
 * score is the clock the core behaves as having, in GHz.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(CalibrationBenchmark.STEPS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CalibrationBenchmark {
  static final int STEPS = 10_000;

  /** A field, not a constant, so that the JIT cannot compute the chain ahead of time. */
  public long seed = 20261127;

  @Benchmark
  public long dependentMultiplyAdd() {
    long x = seed;
    for (int i = 0; i < STEPS; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }
}
