package dev.outdial.engine.internal.schedule;

import dev.outdial.engine.internal.state.Timer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * The engine's deadlines. Looking at the next costs O(1) however many wait.
 *
 * <ul>
 *   <li>Timers due at the same instant share one bucket, kept in the order they were added; the
 *       buckets sit in a heap by instant. Adding a timer to an instant that already has one is
 *       O(1); a new instant is O(log instants). Many campaigns firing at one window opening are
 *       then one heap removal and a walk along an array.
 *   <li>Call time-outs all have the same length, so they are due in the order the calls started: a
 *       FIFO queue, O(1) both ways. (Should the clock step back, a time-out queued after it may
 *       wait for the one ahead of it: it is late by at most the step.)
 * </ul>
 *
 * <p>Timers that became pointless (call ended, campaign launched early) are not searched out: they
 * are dropped when they reach the head (or, for a dropped campaign, by {@link
 * #dropStaleWindowTimersAt}). Among timers due at the same instant, bucket timers run before
 * time-outs.
 */
public final class TimerQueue {
  private static final Comparator<Bucket> BY_INSTANT = Comparator.comparing(b -> b.at);

  private final PriorityQueue<Bucket> buckets = new PriorityQueue<>(BY_INSTANT);
  private final HashMap<Instant, Bucket> byInstant = new HashMap<>();
  private final ArrayDeque<Timer.CallTimeout> timeouts = new ArrayDeque<>();

  public void add(Timer timer) {
    if (timer instanceof Timer.CallTimeout timeout) {
      // Calls that ended in the order they started leave stale time-outs at the head: drop them
      // now, so the queue holds about as many as there are calls in progress.
      Timer.CallTimeout head;
      while ((head = timeouts.peek()) != null && head.isStale()) {
        timeouts.poll();
      }
      timeouts.add(timeout);
      return;
    }
    Bucket bucket = byInstant.get(timer.at());
    if (bucket == null) {
      bucket = new Bucket(timer.at());
      byInstant.put(timer.at(), bucket);
      buckets.add(bucket);
    }
    bucket.add(timer);
  }

  /**
   * Drops the stale window-opening timers due at {@code at} now rather than when they reach the
   * head, in O(timers due then): so that a dropped campaign's window timer does not keep it in
   * memory until its window opens. Other timers wait for the head as usual.
   */
  public void dropStaleWindowTimersAt(Instant at) {
    Bucket bucket = byInstant.get(at);
    if (bucket != null) {
      bucket.removeStaleWindowTimers();
      if (bucket.isEmpty() && buckets.peek() == bucket) {
        drop(bucket); // an empty bucket elsewhere is dropped when it reaches the head
      }
    }
  }

  /** The earliest timer due at or before {@code now}, removed; or null. */
  public @Nullable Timer pollDue(Instant now) {
    Bucket bucket;
    while ((bucket = buckets.peek()) != null && bucket.isEmpty()) {
      drop(bucket); // emptied by dropStaleWindowTimersAt
    }
    Timer.CallTimeout timeout = timeouts.peek();
    if (bucket != null
        && !bucket.at.isAfter(now)
        && (timeout == null || !timeout.at().isBefore(bucket.at))) {
      Timer timer = bucket.poll();
      if (bucket.isEmpty()) {
        drop(bucket);
      }
      return timer;
    }
    if (timeout != null && !timeout.at().isAfter(now)) {
      return timeouts.poll();
    }
    return null;
  }

  /** When the earliest live timer is due, dropping stale ones at the heads; or null. */
  public @Nullable Instant nextAt() {
    Bucket bucket;
    while ((bucket = buckets.peek()) != null) {
      bucket.dropStale();
      if (!bucket.isEmpty()) {
        break;
      }
      drop(bucket);
    }
    Timer.CallTimeout timeout;
    while ((timeout = timeouts.peek()) != null && timeout.isStale()) {
      timeouts.poll();
    }
    if (bucket == null) {
      return timeout == null ? null : timeout.at();
    }
    return timeout == null || !timeout.at().isBefore(bucket.at) ? bucket.at : timeout.at();
  }

  private void drop(Bucket bucket) {
    buckets.poll();
    byInstant.remove(bucket.at);
  }

  /** Timers due at one instant, first added first out. */
  private static final class Bucket {
    final Instant at;
    private Timer[] timers = new Timer[2];
    private int head;
    private int tail;

    Bucket(Instant at) {
      this.at = at;
    }

    void add(Timer timer) {
      if (tail == timers.length) {
        if (head > timers.length / 2) {
          System.arraycopy(timers, head, timers, 0, tail - head);
          Arrays.fill(timers, tail - head, tail, null);
          tail -= head;
          head = 0;
        } else {
          timers = Arrays.copyOf(timers, timers.length * 2);
        }
      }
      timers[tail++] = timer;
    }

    Timer poll() {
      Timer timer = timers[head];
      timers[head++] = null;
      return timer;
    }

    void dropStale() {
      while (head < tail && timers[head].isStale()) {
        timers[head++] = null;
      }
    }

    /** Removes every stale window-opening timer, keeping the others in order. */
    void removeStaleWindowTimers() {
      int kept = 0;
      for (int i = head; i < tail; i++) {
        if (!(timers[i] instanceof Timer.WindowOpens && timers[i].isStale())) {
          timers[kept++] = timers[i];
        }
      }
      Arrays.fill(timers, kept, tail, null);
      head = 0;
      tail = kept;
    }

    boolean isEmpty() {
      return head == tail;
    }
  }
}
