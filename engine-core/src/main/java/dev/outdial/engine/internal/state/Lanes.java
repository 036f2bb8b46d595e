package dev.outdial.engine.internal.state;

import dev.outdial.engine.internal.compliance.LocalHours;
import dev.outdial.engine.internal.compliance.RecipientHours;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The waiting recipients of a campaign that guards recipient-local hours, one queue per lane of its
 * {@link RecipientHours}, each in recipient order. Dispatch picks the next lane whose hours are
 * open (round-robin, so that one lane cannot starve the others) and takes its head; a lane's open
 * stretch is cached until its next closing, so a pass asks each lane's hours once, not each
 * recipient. Owned by the engine's owner thread.
 */
final class Lanes {
  private final RecipientHours hours;

  /** Per lane, a ring buffer of waiting recipient indexes: [head, head + count). */
  private final int[][] queues;

  private final int[] heads;
  private final int[] counts;

  /** Per lane, the instant its hours close, while known to be open (cache). */
  private final Instant[] openUntil;

  private int waiting;
  private int chosen = -1;

  /** Lanes holding every recipient whose index {@code waits(i)}. */
  Lanes(RecipientHours hours, java.util.function.IntPredicate waits) {
    this.hours = hours;
    int lanes = hours.lanes().length;
    int[] sizes = new int[lanes];
    short[] laneOf = hours.laneOf();
    for (int i = 0; i < laneOf.length; i++) {
      if (laneOf[i] >= 0) {
        sizes[laneOf[i]]++;
      }
    }
    queues = new int[lanes][];
    for (int lane = 0; lane < lanes; lane++) {
      queues[lane] = new int[Math.max(1, sizes[lane])];
    }
    heads = new int[lanes];
    counts = new int[lanes];
    openUntil = new Instant[lanes];
    Arrays.fill(openUntil, Instant.MIN);
    for (int i = 0; i < laneOf.length; i++) {
      if (laneOf[i] >= 0 && waits.test(i)) {
        int lane = laneOf[i];
        queues[lane][counts[lane]++] = i;
        waiting++;
      }
    }
  }

  int waiting() {
    return waiting;
  }

  /**
   * Chooses the next lane, after the last chosen, with a recipient waiting and its hours open at
   * {@code now}; false if none is. {@code recheck} (the clock stepped back) ignores the cache.
   */
  boolean chooseOpen(Instant now, boolean recheck) {
    int lanes = queues.length;
    for (int step = 1; step <= lanes; step++) {
      int lane = Math.floorMod(chosen + step, lanes);
      if (counts[lane] > 0 && isOpen(lane, now, recheck)) {
        chosen = lane;
        return true;
      }
    }
    return false;
  }

  /** Whether the hours of {@code index}'s lane are open at {@code now}. */
  boolean openFor(int index, Instant now) {
    int lane = hours.laneOf()[index];
    return lane >= 0 && isOpen(lane, now, true);
  }

  private boolean isOpen(int lane, Instant now, boolean recheck) {
    LocalHours laneHours = hours.lanes()[lane];
    if (laneHours == null) {
      return true;
    }
    if (!recheck && now.isBefore(openUntil[lane])) {
      return true;
    }
    if (!laneHours.isOpen(now)) {
      return false;
    }
    openUntil[lane] = laneHours.nextClosing(now).orElse(Instant.MAX);
    return true;
  }

  /**
   * The earliest instant after {@code now} a lane with a recipient waiting opens: at most {@link
   * LocalHours#HORIZON_DAYS} days ahead (a lane whose hours never open is asked again then).
   */
  Instant nextOpening(Instant now) {
    Instant earliest = now.plus(java.time.Duration.ofDays(LocalHours.HORIZON_DAYS));
    for (int lane = 0; lane < queues.length; lane++) {
      LocalHours laneHours = hours.lanes()[lane];
      if (counts[lane] > 0 && laneHours != null) {
        Instant opening = laneHours.nextOpening(now);
        if (opening.isBefore(earliest)) {
          earliest = opening;
        }
      }
    }
    return earliest.isAfter(now) ? earliest : now.plusSeconds(1);
  }

  /** The recipient the chosen lane dials next. */
  int peek() {
    return queues[chosen][heads[chosen]];
  }

  /** Takes the chosen lane's next recipient. */
  int take() {
    int lane = chosen;
    int index = queues[lane][heads[lane]];
    heads[lane] = (heads[lane] + 1) % queues[lane].length;
    counts[lane]--;
    waiting--;
    return index;
  }

  /** Puts a recipient back at the head of its lane (its call was not placed). */
  void putBack(int index) {
    int lane = hours.laneOf()[index];
    heads[lane] = Math.floorMod(heads[lane] - 1, queues[lane].length);
    queues[lane][heads[lane]] = index;
    counts[lane]++;
    waiting++;
  }

  /** Whether the recipient at {@code index} is skipped (in no lane), and why. */
  @Nullable String skipped(int index) {
    return hours.skipped().get(index);
  }
}
