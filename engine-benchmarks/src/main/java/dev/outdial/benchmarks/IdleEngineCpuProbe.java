package dev.outdial.benchmarks;

import dev.outdial.engine.OutdialEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The real-time engine's own thread while every campaign waits days ahead: how much CPU it takes
 * per second of wall time. The driver reads the wall clock at least every 500 ms so that a clock
 * set forward still fires on time; this measures what that costs. Not a JMH benchmark: it watches a
 * thread that should be asleep, over a stretch of wall time.
 *
 * <p>Arguments: {@code campaigns seconds} (e.g. {@code 10000 60}).
 */
public final class IdleEngineCpuProbe {
  private IdleEngineCpuProbe() {}

  public static void main(String[] args) {
    int campaigns = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    LocalDate firstDate = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    try (OutdialEngine engine =
        OutdialEngine.builder()
            .clock(Clock.systemUTC())
            .dialer(new Dialers.Silent())
            .agents(Fixtures.AGENTS)
            .start()) {
      for (int i = 0; i < campaigns; i++) {
        engine.create(
            "key-" + i % 10,
            Fixtures.scheduled(firstDate.plusDays(i % 30), Fixtures.recipients(i, 1)));
      }
      Thread engineThread = engineThread();
      long cpu = threads.getThreadCpuTime(engineThread.getId());
      long wall = System.nanoTime();
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds)); // the stretch observed
      cpu = threads.getThreadCpuTime(engineThread.getId()) - cpu;
      wall = System.nanoTime() - wall;
      System.out.println(
          String.format(
              Locale.ROOT,
              "campaigns %d waiting, %.1f s observed: engine thread CPU %.3f ms (%.4f%% of a core)",
              campaigns,
              wall / 1e9,
              cpu / 1e6,
              100.0 * cpu / wall));
    }
  }

  private static Thread engineThread() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("outdial-engine")) {
        return thread;
      }
    }
    throw new IllegalStateException("no engine thread");
  }
}
