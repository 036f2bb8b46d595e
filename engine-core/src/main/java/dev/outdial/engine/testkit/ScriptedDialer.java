package dev.outdial.engine.testkit;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * A {@link Dialer} for tests and demos whose calls end as a script says, in simulated time. It
 * records every dial; ends are reported when {@link #reportDue()} runs at or after their instant (a
 * {@link Simulation} does that). Not thread-safe: use it from the engine's owner thread.
 */
public final class ScriptedDialer implements Dialer {
  private record Pending(
      Instant at, long seq, String callId, EndedReason reason, CallEndSink sink) {}

  private static final Comparator<Pending> ORDER =
      Comparator.comparing(Pending::at).thenComparingLong(Pending::seq);

  private final InstantSource clock;
  private final Function<OutboundCall, Outcome> script;
  private final PriorityQueue<Pending> pending = new PriorityQueue<>(ORDER);
  private final List<Dialed> dialed = new ArrayList<>();
  private final List<String> hangUps = new ArrayList<>();
  private long seq;

  /**
   * One dial as the dialer saw it.
   *
   * @param at when it was dialled
   * @param call what the engine asked for
   * @param outcome what the script decided
   * @param ends the sink the engine handed over, to report extra ends from a test
   */
  public record Dialed(Instant at, OutboundCall call, Outcome outcome, CallEndSink ends) {}

  /** A dialer that decides each call's outcome with {@code script}. */
  public ScriptedDialer(InstantSource clock, Function<OutboundCall, Outcome> script) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.script = Objects.requireNonNull(script, "script");
  }

  /** A dialer whose every call has the same outcome. */
  public static ScriptedDialer always(InstantSource clock, Outcome outcome) {
    return new ScriptedDialer(clock, call -> outcome);
  }

  @Override
  public void dial(OutboundCall call, CallEndSink ends) {
    Outcome outcome = script.apply(call);
    dialed.add(new Dialed(clock.instant(), call, outcome, ends));
    if (outcome.failsOnDial()) {
      throw new IllegalStateException("scripted dial failure for " + call.to());
    }
    if (outcome.reason() != null) {
      pending.add(
          new Pending(
              clock.instant().plus(outcome.after()), seq++, call.callId(), outcome.reason(), ends));
    }
  }

  @Override
  public void hangUp(String callId) {
    hangUps.add(callId);
  }

  /** Reports every end due at the clock's instant; returns how many. */
  public int reportDue() {
    Instant now = clock.instant();
    int reported = 0;
    while (!pending.isEmpty() && !pending.peek().at().isAfter(now)) {
      Pending end = pending.poll();
      end.sink().callEnded(end.callId(), end.reason());
      reported++;
    }
    return reported;
  }

  /** When the next scripted end is due, if any. */
  public Optional<Instant> nextEnd() {
    Pending next = pending.peek();
    return next == null ? Optional.empty() : Optional.of(next.at());
  }

  /** Every dial so far, in order. */
  public List<Dialed> dialed() {
    return List.copyOf(dialed);
  }

  /** Call ids the engine asked to hang up, in order. */
  public List<String> hangUps() {
    return List.copyOf(hangUps);
  }
}
