package dev.outdial.engine.internal.compliance;

/**
 * The local minutes {@code [startMinute, endMinute)} of one day in which calls may start, for
 * example {@code 480-1260} for 08:00-21:00. Never crosses midnight.
 *
 * @param startMinute first allowed minute of the local day, {@code 0..1439}
 * @param endMinute first minute no longer allowed, {@code startMinute+1..1440} (1440 = midnight)
 */
public record DailyHours(int startMinute, int endMinute) {

  static final int MINUTES_PER_DAY = 1_440;

  public DailyHours {
    if (startMinute < 0 || startMinute >= MINUTES_PER_DAY) {
      throw new IllegalArgumentException("startMinute " + startMinute + " is not in 0..1439");
    }
    if (endMinute <= startMinute || endMinute > MINUTES_PER_DAY) {
      throw new IllegalArgumentException(
          "endMinute " + endMinute + " is not in " + (startMinute + 1) + "..1440");
    }
  }

  /** Whether a local second-of-day lies inside these hours. */
  boolean contains(int secondOfDay) {
    return secondOfDay >= startMinute * 60 && secondOfDay < endMinute * 60;
  }

  /** Like {@code 08:00-21:00}. */
  @Override
  public String toString() {
    return clock(startMinute) + "-" + clock(endMinute);
  }

  static String clock(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }
}
