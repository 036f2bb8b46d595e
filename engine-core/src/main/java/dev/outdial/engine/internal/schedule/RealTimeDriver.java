package dev.outdial.engine.internal.schedule;

import dev.outdial.engine.internal.state.EngineCore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link EngineCore} in real time on one thread, its owner: it runs the work due now, then
 * sleeps until the next deadline or until another thread posts work. There is no polling grid: with
 * nothing planned it sleeps until woken.
 *
 * <p>A sleep is measured on the JVM's monotonic timer, but deadlines are instants on the engine's
 * clock, which is a wall clock and may be set forward or back while the thread sleeps. So a sleep
 * towards a deadline lasts at most {@link #CLOCK_CHECK}: the thread then reads the clock again and
 * looks at the earliest deadline (O(1), whatever the number of campaigns waiting), so work falls
 * due within a second of its instant whichever way the clock moved.
 */
public final class RealTimeDriver {
  private static final Logger log = LoggerFactory.getLogger(RealTimeDriver.class);

  /** The longest sleep towards a deadline before the clock is read again. */
  static final Duration CLOCK_CHECK = Duration.ofMillis(500);

  private final EngineCore core;
  private final InstantSource clock;
  private final Thread thread;
  private volatile boolean stopping;
  private boolean interruptLogged;

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

  private static long nanosUntil(Instant now, Instant next) {
    Duration wait = Duration.between(now, next);
    return wait.compareTo(CLOCK_CHECK) > 0 ? CLOCK_CHECK.toNanos() : wait.toNanos();
  }

  /**
   * Clears an interrupt that host code (a dialer, a listener) left on this thread: stopping is
   * signalled by {@link #stop}, never by interrupts, and a pending interrupt would make every park
   * return at once, spinning the idle thread.
   */
  private void clearInterrupt() {
    if (Thread.interrupted() && !interruptLogged) {
      interruptLogged = true;
      log.warn("host code left the engine thread interrupted; the engine clears it (logged once)");
    }
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
      clearInterrupt();
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
