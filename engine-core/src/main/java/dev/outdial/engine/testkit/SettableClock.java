package dev.outdial.engine.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until told to move: the engine's clock in deterministic mode. {@link
 * #set} and {@link #advance} only go forward, which catches a test that moves time the wrong way by
 * mistake; {@link #stepBackTo} moves it back on purpose, as an operator or NTP sets a wall clock
 * back. Its zone is UTC; the engine never uses a clock's zone.
 */
public final class SettableClock extends Clock {
  private volatile Instant now;

  /** A clock standing at {@code start}. */
  public SettableClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Moves to {@code instant}, which must not be before the current instant. */
  public void set(Instant instant) {
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException(
          "a SettableClock never goes back: it stands at " + now + ", asked for " + instant);
    }
    now = instant;
  }

  /**
   * Sets the clock back to {@code instant}, which must not be after the current instant: a wall
   * clock stepped back. The engine never starts a call where the window is closed at the new
   * instant, and its deadlines come due by the clock as it now reads.
   */
  public void stepBackTo(Instant instant) {
    if (instant.isAfter(now)) {
      throw new IllegalArgumentException(
          "stepBackTo goes back: the clock stands at " + now + ", asked for " + instant);
    }
    now = instant;
  }

  /** Moves forward by {@code duration} (not negative). */
  public void advance(Duration duration) {
    set(now.plus(duration));
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Not supported: the engine works in instants and each campaign's own zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("SettableClock is always UTC");
  }
}
