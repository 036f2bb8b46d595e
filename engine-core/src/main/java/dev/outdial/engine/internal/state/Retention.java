package dev.outdial.engine.internal.state;

import dev.outdial.engine.internal.schedule.TimerQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * When finished campaigns are dropped. Every campaign is kept for the same length of time after it
 * finished, so they fall due in the order they finished: a FIFO queue, O(1) both ways, like call
 * time-outs in {@link TimerQueue}. (Should the clock step back, a campaign finished after the step
 * may wait for the one ahead of it: it is dropped late by at most the step.)
 */
final class Retention {
  /** A {@link CampaignState}, or a durable engine's {@link FinishedCampaign}. */
  private record Kept(Instant dropAt, Object campaign) {}

  private final Duration keep;
  private final ArrayDeque<Kept> queue = new ArrayDeque<>();

  /** Keeps finished campaigns for {@code keep} (zero: until the end of the pass they finish in). */
  Retention(Duration keep) {
    if (keep.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative, was " + keep);
    }
    this.keep = keep;
  }

  /** {@code campaign} finished at {@code at}. */
  void add(Object campaign, Instant at) {
    Instant dropAt =
        keep.compareTo(Duration.between(at, Instant.MAX)) >= 0 ? Instant.MAX : at.plus(keep);
    queue.add(new Kept(dropAt, campaign));
  }

  /** When the next campaign is due to be dropped, or null if none is kept. */
  @Nullable Instant nextAt() {
    Kept head = queue.peek();
    return head == null ? null : head.dropAt();
  }

  /** The next campaign due to be dropped at or before {@code now}, removed; or null. */
  @Nullable Object pollDue(Instant now) {
    Kept head = queue.peek();
    if (head == null || head.dropAt().isAfter(now)) {
      return null;
    }
    queue.poll();
    return head.campaign();
  }
}
