package dev.outdial.benchmarks.baseline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * BASELINE, NOT OUTDIAL: the strongest simple poller. Each campaign's firing instant (the first
 * window opening on or after its date, computed once with {@code java.time} when it is added) is
 * kept as epoch milliseconds in one {@code long[]}; a tick compares each waiting campaign's instant
 * with now, one {@code long} comparison a campaign, no zone arithmetic. It still scans every
 * campaign every tick: what it saves over {@link SeedPoller} is the conversion, not the scan.
 */
public final class PrecomputedPoller {
  /** Marks a fired campaign in {@link #dueMillis}. */
  private static final long FIRED = Long.MAX_VALUE;

  private long[] dueMillis = new long[16];
  private long[] firstDue = new long[16];
  private int size;
  private int running;

  /**
   * Adds a campaign scheduled for {@code date} whose window opens at {@code startMinute} on {@code
   * days} in {@code zone}.
   */
  public void add(LocalDate date, ZoneId zone, int startMinute, Set<DayOfWeek> days) {
    LocalDate day = date;
    while (!days.contains(day.getDayOfWeek())) {
      day = day.plusDays(1);
    }
    long due =
        day.atTime(startMinute / 60, startMinute % 60).atZone(zone).toInstant().toEpochMilli();
    if (size == dueMillis.length) {
      dueMillis = Arrays.copyOf(dueMillis, size * 2);
      firstDue = Arrays.copyOf(firstDue, size * 2);
    }
    dueMillis[size] = due;
    firstDue[size] = due;
    size++;
  }

  /** One tick at {@code now}: fires the due campaigns; returns how many. */
  public int tick(Instant now) {
    return tick(now, index -> {});
  }

  /** One tick at {@code now}, telling {@code fired} the index of each campaign it fires. */
  public int tick(Instant now, IntConsumer fired) {
    long nowMillis = now.toEpochMilli();
    int count = 0;
    long[] due = dueMillis;
    for (int i = 0; i < size; i++) {
      if (due[i] <= nowMillis) {
        due[i] = FIRED;
        fired.accept(i);
        count++;
      }
    }
    running += count;
    return count;
  }

  /** Puts every campaign back to waiting (between benchmark iterations). */
  public void reset() {
    System.arraycopy(firstDue, 0, dueMillis, 0, size);
    running = 0;
  }

  public int runningCount() {
    return running;
  }
}
