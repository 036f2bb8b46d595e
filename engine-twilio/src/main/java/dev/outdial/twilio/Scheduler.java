package dev.outdial.twilio;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dialer's delayed work: retries after a back-off, look-ups, and the reconciliation check
 * of calls whose final callback never came. Tasks are short and never block.
 *
 * <p>By default a {@link TwilioDialer} owns a one-thread {@link ScheduledExecutorService}; tests
 * pass a scheduler they run by hand, so no test has to sleep.
 */
@FunctionalInterface
public interface Scheduler {

  /**
   * Runs {@code task} once, {@code delay} from now (not negative). The returned future cancels it.
   */
  Future<?> schedule(Duration delay, Runnable task);

  /** A scheduler over an executor the caller owns (and shuts down). */
  static Scheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (delay, task) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
