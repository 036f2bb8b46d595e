package dev.outdial.benchmarks;

import dev.outdial.benchmarks.baseline.SeedPoller;
import dev.outdial.engine.CallingWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * Benchmark 4, window: the three questions of a {@link CallingWindow} in America/New_York, for a
 * window 01:30-03:30 every day (it straddles the 02:00 change), asked at 4,096 random instants of
 * one local day: an ordinary Wednesday (2026-03-11) or the spring-forward Sunday (2026-03-08, 02:00
 * EST jumps to 03:00 EDT). {@code javaTimeIsOpen} is the seed poller's per-campaign check with
 * {@code ZonedDateTime}, for reference.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WindowBenchmark {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final EnumSet<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);
  private static final int MASK = 4095;

  @Param({"ordinary", "change"})
  public String day;

  CallingWindow window;
  Instant[] instants;
  int next;

  @Setup
  public void create() {
    window = CallingWindow.of(ZONE, 90, 210, EVERY_DAY);
    LocalDate date = day.equals("change") ? LocalDate.of(2026, 3, 8) : LocalDate.of(2026, 3, 11);
    long from = date.atStartOfDay(ZONE).toEpochSecond();
    long until = date.plusDays(1).atStartOfDay(ZONE).toEpochSecond();
    SplittableRandom random = new SplittableRandom(20260308);
    instants = new Instant[MASK + 1];
    for (int i = 0; i < instants.length; i++) {
      instants[i] = Instant.ofEpochSecond(random.nextLong(from, until), random.nextInt(1_000));
    }
  }

  private Instant nextInstant() {
    return instants[next++ & MASK];
  }

  @Benchmark
  public boolean isOpen() {
    return window.isOpen(nextInstant());
  }

  @Benchmark
  public Instant nextOpening() {
    return window.nextOpening(nextInstant());
  }

  @Benchmark
  public Optional<Instant> nextClosing() {
    return window.nextClosing(nextInstant());
  }

  @Benchmark
  public boolean javaTimeIsOpen() {
    return SeedPoller.isOpen(nextInstant(), ZONE, 90, 210, EVERY_DAY);
  }
}
