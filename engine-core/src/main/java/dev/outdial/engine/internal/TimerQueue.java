package dev.outdial.engine.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * The engine's deadlines in one heap: looking at the next costs O(1) however many wait, adding and
 * removing O(log n). Timers that became pointless (call ended, campaign launched early) are not
 * searched out: they are dropped when they reach the head.
 */
final class TimerQueue {
  private static final Comparator<Timer> ORDER =
      Comparator.comparing(Timer::at).thenComparingLong(Timer::seq);

  private final PriorityQueue<Timer> heap = new PriorityQueue<>(ORDER);
  private long seq;

  long nextSeq() {
    return seq++;
  }

  void add(Timer timer) {
    heap.add(timer);
  }

  /** The earliest timer due at or before {@code now}, removed; or null. */
  @Nullable Timer pollDue(Instant now) {
    Timer head = heap.peek();
    if (head == null || head.at().isAfter(now)) {
      return null;
    }
    return heap.poll();
  }

  /** When the earliest live timer is due, dropping stale ones at the head; or null. */
  @Nullable Instant nextAt() {
    Timer head;
    while ((head = heap.peek()) != null && head.isStale()) {
      heap.poll();
    }
    return head == null ? null : head.at();
  }
}
