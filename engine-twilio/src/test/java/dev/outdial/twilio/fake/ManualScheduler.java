package dev.outdial.twilio.fake;

import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.twilio.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A {@link Scheduler} that runs nothing by itself: delayed tasks wait until the test moves the
 * {@link SettableClock} and calls {@link #runDue()} (or {@link #runNext()}). Tasks may be scheduled
 * from any thread; they run on the caller's.
 */
public final class ManualScheduler implements Scheduler {
  private record Task(Instant due, long seq, FutureTask<Void> work) {}

  private final SettableClock clock;
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::seq));
  private long seq;

  /** Tasks fall due by this clock. */
  public ManualScheduler(SettableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<?> schedule(Duration delay, Runnable task) {
    FutureTask<Void> work = new FutureTask<>(task, null);
    tasks.add(new Task(clock.instant().plus(delay), seq++, work));
    return work;
  }

  /** Runs every task due at the clock's instant, in due order; returns how many ran. */
  public int runDue() {
    int ran = 0;
    Task next;
    while ((next = pollDue()) != null) {
      if (!next.work().isCancelled()) {
        next.work().run();
        ran++;
      }
    }
    return ran;
  }

  /** Moves the clock to the next live task's instant (if later) and runs what is due then. */
  public int runNext() {
    Optional<Instant> due = nextDue();
    if (due.isEmpty()) {
      return 0;
    }
    if (due.get().isAfter(clock.instant())) {
      clock.set(due.get());
    }
    return runDue();
  }

  /** When the next task that was not canceled falls due. */
  public synchronized Optional<Instant> nextDue() {
    dropCanceled();
    Task next = tasks.peek();
    return next == null ? Optional.empty() : Optional.of(next.due());
  }

  /** How many tasks wait (canceled ones not counted). */
  public synchronized int pending() {
    dropCanceled();
    return (int) tasks.stream().filter(t -> !t.work().isCancelled()).count();
  }

  private synchronized Task pollDue() {
    Task next = tasks.peek();
    if (next == null || next.due().isAfter(clock.instant())) {
      return null;
    }
    return tasks.poll();
  }

  private void dropCanceled() {
    while (!tasks.isEmpty() && tasks.peek().work().isCancelled()) {
      tasks.poll();
    }
  }
}
