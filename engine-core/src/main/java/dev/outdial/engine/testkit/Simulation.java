package dev.outdial.engine.testkit;

import dev.outdial.engine.OutdialEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Drives a deterministic engine and a {@link ScriptedDialer} through simulated time, jumping from
 * one event to the next (engine deadlines and scripted call ends), never stepping or sleeping.
 */
public final class Simulation {
  private final SettableClock clock;
  private final OutdialEngine engine;
  private final ScriptedDialer dialer;

  public Simulation(SettableClock clock, OutdialEngine engine, ScriptedDialer dialer) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.dialer = Objects.requireNonNull(dialer, "dialer");
  }

  /** Runs every event up to and including {@code target}, then leaves the clock at it. */
  public void runUntil(Instant target) {
    settle();
    Instant next;
    while ((next = nextEvent()) != null && !next.isAfter(target)) {
      clock.set(next);
      settle();
    }
    if (clock.instant().isBefore(target)) {
      clock.set(target);
      settle();
    }
  }

  /** {@link #runUntil} the clock's instant plus {@code duration}. */
  public void runFor(Duration duration) {
    runUntil(clock.instant().plus(duration));
  }

  /**
   * Runs event after event until none is left or the next lies after {@code limit}; returns the
   * clock's instant then.
   */
  public Instant runUntilIdle(Instant limit) {
    settle();
    Instant next;
    while ((next = nextEvent()) != null && !next.isAfter(limit)) {
      clock.set(next);
      settle();
    }
    return clock.instant();
  }

  /** The clock. */
  public SettableClock clock() {
    return clock;
  }

  private void settle() {
    do {
      engine.runDue();
    } while (dialer.reportDue() > 0 || dueNow());
  }

  private boolean dueNow() {
    Optional<Instant> deadline = engine.nextDeadline();
    return deadline.isPresent() && !deadline.get().isAfter(clock.instant());
  }

  private @Nullable Instant nextEvent() {
    Instant engineNext = engine.nextDeadline().orElse(null);
    Instant dialerNext = dialer.nextEnd().orElse(null);
    if (engineNext == null) {
      return dialerNext;
    }
    if (dialerNext == null) {
      return engineNext;
    }
    return engineNext.isBefore(dialerNext) ? engineNext : dialerNext;
  }
}
