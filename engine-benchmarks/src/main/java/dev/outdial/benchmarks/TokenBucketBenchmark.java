package dev.outdial.benchmarks;

import com.google.common.util.concurrent.RateLimiter;
import dev.outdial.engine.internal.dial.TokenBucket;
import dev.outdial.engine.spi.KeyLimits;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 3 (part), acquire cost: one non-blocking acquire from our token bucket against Guava's
 * {@link RateLimiter#tryAcquire()}, each reading {@link System#nanoTime()} as Guava does. {@code
 * granted}: a rate so high that every acquire gets a token; {@code denied}: one token a second,
 * already taken, so every acquire is refused.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TokenBucketBenchmark {
  @Param({"granted", "denied"})
  public String answer;

  TokenBucket bucket;
  RateLimiter limiter;

  @Setup
  public void create() {
    boolean granted = answer.equals("granted");
    double rate = granted ? 1e9 : 1.0;
    bucket = new TokenBucket(new KeyLimits(1, rate, 1));
    limiter = RateLimiter.create(rate);
    bucket.tryTake(System.nanoTime());
    limiter.tryAcquire();
  }

  @Benchmark
  public long outdial() {
    return bucket.tryTake(System.nanoTime());
  }

  @Benchmark
  public boolean guava() {
    return limiter.tryAcquire();
  }
}
