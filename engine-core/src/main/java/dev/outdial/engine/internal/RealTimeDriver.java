package dev.outdial.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link EngineCore} in real time on one thread, its owner: it runs the work due now, then
 * sleeps until the next deadline or until another thread posts work. There is no polling grid.
 */
public final class RealTimeDriver {
  private static final Logger log = LoggerFactory.getLogger(RealTimeDriver.class);

  private static final Duration MAX_PARK = Duration.ofDays(1);

  private final EngineCore core;
  private final InstantSource clock;
  private final Thread thread;
  private volatile boolean stopping;

  public RealTimeDriver(EngineCore core, InstantSource clock, String threadName) {
    this.core = core;
    this.clock = clock;
    this.thread = new Thread(this::loop, threadName);
    this.thread.setDaemon(true);
    core.onPost(() -> LockSupport.unpark(thread));
  }

  public void start() {
    thread.start();
  }

  public boolean isOwnerThread() {
    return Thread.currentThread() == thread;
  }

  /** Whether the engine thread is running and not asked to stop. */
  public boolean isRunning() {
    return !stopping && thread.isAlive();
  }

  /**
   * Stops after the pass under way; waits for the thread to end, unless called from that thread (a
   * listener or dialer closing the engine), which just asks it to stop.
   */
  public void stop() throws InterruptedException {
    stopping = true;
    LockSupport.unpark(thread);
    if (!isOwnerThread()) {
      thread.join();
    }
  }

  /** Sleeps of more than a day are cut to a day (a date years ahead would overflow nanos). */
  private static long nanosUntil(Instant now, Instant next) {
    Duration wait = Duration.between(now, next);
    return wait.compareTo(MAX_PARK) > 0 ? MAX_PARK.toNanos() : wait.toNanos();
  }

  private void loop() {
    while (!stopping) {
      try {
        core.runDue(clock.instant());
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) { // one bad pass must not leave every caller waiting forever
        log.error("engine pass failed; continuing", e);
      }
      Instant now = clock.instant();
      Instant next = core.nextDeadline(now);
      if (next == null) {
        LockSupport.park(this);
      } else if (next.isAfter(now)) {
        LockSupport.parkNanos(this, nanosUntil(now, next));
      }
    }
  }
}
