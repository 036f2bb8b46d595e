package dev.outdial.engine.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4: no call starts at an instant at which its campaign's window is closed, whichever way the
 * clock moves and however long the host's dialer takes.
 */
class ClockMovesTest {
  // Monday 2026-06-15, London summer time: 09:00 local = 08:00Z.
  private static final Instant MONDAY_0900 = Instant.parse("2026-06-15T08:00:00Z");

  /** Records each dial with the clock's instant when it was made; may advance the clock. */
  private static final class RecordingDialer implements Dialer {
    final SettableClock clock;
    final Duration eachDialTakes;
    final List<OutboundCall> calls = new ArrayList<>();
    final List<Instant> madeAt = new ArrayList<>();
    final List<CallEndSink> sinks = new ArrayList<>();

    RecordingDialer(SettableClock clock, Duration eachDialTakes) {
      this.clock = clock;
      this.eachDialTakes = eachDialTakes;
    }

    @Override
    public void dial(OutboundCall call, CallEndSink ends) {
      calls.add(call);
      madeAt.add(clock.instant());
      sinks.add(ends);
      clock.advance(eachDialTakes); // a host that blocks in dial, against the contract
    }
  }

  private static OutdialEngine engine(SettableClock clock, Dialer dialer, KeyLimits limits) {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(dialer)
        .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
        .defaultLimits(limits)
        .build();
  }

  @Test
  void a_clock_stepped_back_before_the_window_opens_starts_no_call_until_it_opens_again() {
    SettableClock clock = new SettableClock(MONDAY_0900.plus(Duration.ofMinutes(5)));
    RecordingDialer dialer = new RecordingDialer(clock, Duration.ZERO);
    // A burst of an hour's tokens: the bucket does not hold the dial back after the step.
    OutdialEngine engine = engine(clock, dialer, new KeyLimits(1, 1.0, 3600));
    String id =
        engine
            .create(
                "key_a", Requests.now(2).timezone("Europe/London").window(9 * 60, 18 * 60).build())
            .campaignId();
    engine.runDue();
    assertEquals(1, dialer.calls.size(), "09:05: the first call starts");

    clock.stepBackTo(MONDAY_0900.minus(Duration.ofMinutes(5))); // the wall clock: 08:55
    dialer.sinks.get(0).callEnded(dialer.calls.get(0).callId(), EndedReason.COMPLETED);
    engine.runDue();

    assertEquals(1, dialer.calls.size(), "08:55 is before the window: the slot stays unused");
    clock.set(MONDAY_0900.minusNanos(1));
    engine.runDue();
    assertEquals(1, dialer.calls.size(), "one nanosecond before the opening");
    clock.set(MONDAY_0900);
    engine.runDue();
    assertEquals(List.of(MONDAY_0900.plus(Duration.ofMinutes(5)), MONDAY_0900), dialer.madeAt);
    assertEquals(MONDAY_0900, engine.calls("key_a", id, 1, 1).calls().get(0).startedAt());
  }

  @Test
  void each_dial_is_judged_at_the_clock_instant_it_is_made_not_at_the_pass_start() {
    Instant windowCloses = MONDAY_0900.plus(Duration.ofMinutes(1)); // 09:00-09:01 London
    Instant passStart = windowCloses.minusSeconds(2);
    SettableClock clock = new SettableClock(passStart);
    RecordingDialer dialer = new RecordingDialer(clock, Duration.ofMillis(700));
    OutdialEngine engine = engine(clock, dialer, new KeyLimits(5, 100.0, 5));
    String id =
        engine
            .create(
                "key_a",
                Requests.now(5).timezone("Europe/London").window(9 * 60, 9 * 60 + 1).build())
            .campaignId();

    engine.runDue();

    List<Instant> expected =
        List.of(passStart, passStart.plusMillis(700), passStart.plusMillis(1400));
    assertEquals(expected, dialer.madeAt, "the dial that would start at 09:01:00.1 is held");
    assertEquals(
        expected,
        engine.calls("key_a", id, 0, 5).calls().stream()
            .filter(call -> call.startedAt() != null)
            .map(CallView::startedAt)
            .toList(),
        "each call records the instant it was judged at");
  }
}
