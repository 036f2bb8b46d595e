package dev.outdial.engine.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until told to move: the engine's clock in deterministic mode. Time may
 * only go forward. Its zone is UTC; the engine never uses a clock's zone.
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
