package dev.outdial.engine.internal.time;

import java.time.DayOfWeek;
import java.util.Set;

/**
 * Internal, not an API: a calling window's arithmetic on a wall clock that never jumps, for {@link
 * dev.outdial.engine.CallingWindow}.
 *
 * <p>A wall second is an epoch second plus the zone offset in force: {@code floorDiv(wall, 86400)}
 * is the local epoch day and the remainder the local second-of-day. The window is open on the
 * seconds {@code [startMinute * 60, endMinute * 60)} of an allowed day, or for an overnight window
 * ({@code startMinute > endMinute}) from the start on an allowed day to the end on the next day.
 * Immutable; every method is O(1) and allocation-free.
 */
public final class WallWindow {
  private static final int SECONDS_PER_DAY = 86_400;
  private static final int EVERY_DAY = 0x7f;

  private final int startSecond;
  private final int endSecond;
  private final boolean overnight;
  private final boolean wholeDays;
  private final int dayMask;

  /** Index Monday=0: days until the next allowed day, 1..7. */
  private final byte[] daysToNextAllowed = new byte[7];

  /** Index Monday=0: days until the next disallowed day, 1..7, or 0 if every day is allowed. */
  private final byte[] daysToNextDisallowed = new byte[7];

  /**
   * The window {@code [startMinute, endMinute)} on {@code days}, already validated by the caller:
   * {@code 0 <= startMinute < 1440}, {@code 0 < endMinute <= 1440}, minutes distinct, days not
   * empty.
   */
  public WallWindow(int startMinute, int endMinute, Set<DayOfWeek> days) {
    this.startSecond = startMinute * 60;
    this.endSecond = endMinute * 60;
    this.overnight = startMinute > endMinute;
    this.wholeDays = startSecond == 0 && endSecond == SECONDS_PER_DAY;
    int mask = 0;
    for (DayOfWeek day : days) {
      mask |= 1 << (day.getValue() - 1);
    }
    this.dayMask = mask;
    for (int day = 0; day < 7; day++) {
      for (int ahead = 7; ahead >= 1; ahead--) {
        if ((mask >> ((day + ahead) % 7) & 1) != 0) {
          daysToNextAllowed[day] = (byte) ahead;
        } else {
          daysToNextDisallowed[day] = (byte) ahead;
        }
      }
    }
  }

  /** The allowed days as bits, Monday = bit 0 .. Sunday = bit 6. */
  public int dayMask() {
    return dayMask;
  }

  /** Whether the window is open at every wall second: whole days on all seven days. */
  public boolean neverCloses() {
    return wholeDays && dayMask == EVERY_DAY;
  }

  /** Whether the window is open at wall second {@code wall}. */
  public boolean isOpen(long wall) {
    long day = Math.floorDiv(wall, SECONDS_PER_DAY);
    long second = wall - day * SECONDS_PER_DAY;
    if (!overnight) {
      return second >= startSecond && second < endSecond && allowed(day);
    }
    return second >= startSecond ? allowed(day) : second < endSecond && allowed(day - 1);
  }

  /** The earliest open wall second at or after {@code wall}: {@code wall} itself when open. */
  public long openingAt(long wall) {
    if (isOpen(wall)) {
      return wall;
    }
    long day = Math.floorDiv(wall, SECONDS_PER_DAY);
    long second = wall - day * SECONDS_PER_DAY;
    if (second < startSecond && allowed(day)) {
      return day * SECONDS_PER_DAY + startSecond;
    }
    return (day + daysToNextAllowed[dayOfWeek(day)]) * SECONDS_PER_DAY + startSecond;
  }

  /**
   * The wall second ending the open stretch that holds the open wall second {@code wall}: always
   * after {@code wall}. Meaningless when {@code wall} is closed or the window {@link #neverCloses}.
   */
  public long closingAt(long wall) {
    long day = Math.floorDiv(wall, SECONDS_PER_DAY);
    long second = wall - day * SECONDS_PER_DAY;
    if (wholeDays) {
      return (day + daysToNextDisallowed[dayOfWeek(day)]) * SECONDS_PER_DAY;
    }
    if (overnight && second >= startSecond) {
      return (day + 1) * SECONDS_PER_DAY + endSecond;
    }
    return day * SECONDS_PER_DAY + endSecond;
  }

  private boolean allowed(long epochDay) {
    return (dayMask >> dayOfWeek(epochDay) & 1) != 0;
  }

  /** Monday=0 .. Sunday=6; epoch day 0 (1970-01-01) was a Thursday. */
  private static int dayOfWeek(long epochDay) {
    return (int) Math.floorMod(epochDay + 3, 7L);
  }
}
