package dev.outdial.engine.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.SettableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The order in which host code runs around a call start: the dialer is called before the listener
 * hears of the start, so a slow listener cannot delay a dial past the instant its window was judged
 * open at, a listener's cancel reaches the dialer after the dial, and even a {@link
 * VirtualMachineError} from a listener leaves the rest of the campaign to be dialled.
 */
class HostCallbackOrderTest {
  // Monday 2026-06-15, London summer time: 09:00 local = 08:00Z.
  private static final Instant MONDAY_0900 = Instant.parse("2026-06-15T08:00:00Z");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** Records each dial (and hang-up) with the clock's instant. */
  private static final class RecordingDialer implements Dialer {
    final SettableClock clock;
    final List<OutboundCall> calls = new ArrayList<>();
    final List<Instant> madeAt = new ArrayList<>();
    final List<CallEndSink> sinks = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    RecordingDialer(SettableClock clock) {
      this.clock = clock;
    }

    @Override
    public void dial(OutboundCall call, CallEndSink ends) {
      calls.add(call);
      madeAt.add(clock.instant());
      sinks.add(ends);
      log.add("dial " + call.callId());
    }

    @Override
    public void hangUp(String callId) {
      log.add("hangUp " + callId);
    }
  }

  private static OutdialEngine engine(
      SettableClock clock, Dialer dialer, KeyLimits limits, EngineListener listener) {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(dialer)
        .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
        .defaultLimits(limits)
        .listener(listener)
        .build();
  }

  private static EngineListener onCallStart(Consumer<CallEvent> action) {
    return new EngineListener() {
      @Override
      public void onCall(CallEvent event) {
        if (event.status() == CallStatus.IN_PROGRESS) {
          action.accept(event);
        }
      }
    };
  }

  @Test
  void a_slow_call_start_listener_does_not_make_the_dialer_dial_after_the_window_closed() {
    Instant windowCloses = MONDAY_0900.plus(Duration.ofMinutes(1)); // 09:00-09:01 London
    SettableClock clock = new SettableClock(windowCloses.minusMillis(300));
    RecordingDialer dialer = new RecordingDialer(clock);
    OutdialEngine engine =
        engine(
            clock,
            dialer,
            new KeyLimits(5, 100.0, 5),
            onCallStart(e -> clock.advance(Duration.ofMillis(700)))); // a 700 ms listener
    engine.create(
        "key_a", Requests.now(3).timezone("Europe/London").window(9 * 60, 9 * 60 + 1).build());
    engine.runDue();

    CallingWindow window =
        CallingWindow.of(LONDON, 9 * 60, 9 * 60 + 1, EnumSet.allOf(DayOfWeek.class));
    for (Instant at : dialer.madeAt) {
      assertTrue(window.isOpen(at), "the dialer was asked to dial at " + at + ", window closed");
    }
  }

  @Test
  void a_cancel_from_the_call_start_event_never_lets_the_call_be_dialled_after_its_hang_up() {
    SettableClock clock = new SettableClock(MONDAY_0900.plus(Duration.ofMinutes(5)));
    RecordingDialer dialer = new RecordingDialer(clock);
    OutdialEngine[] holder = new OutdialEngine[1];
    OutdialEngine engine =
        engine(
            clock,
            dialer,
            new KeyLimits(5, 100.0, 5),
            onCallStart(e -> holder[0].cancel("key_a", e.campaignId())));
    holder[0] = engine;
    engine.create("key_a", Requests.now(3).build());
    engine.runDue();

    String first = dialer.calls.isEmpty() ? "?" : dialer.calls.get(0).callId();
    assertEquals(List.of("dial " + first, "hangUp " + first), dialer.log);
  }

  @Test
  void a_stack_overflow_in_the_listener_does_not_strand_the_rest_of_the_campaign() {
    SettableClock clock = new SettableClock(MONDAY_0900);
    RecordingDialer dialer = new RecordingDialer(clock);
    boolean[] thrown = new boolean[1];
    OutdialEngine engine =
        engine(
            clock,
            dialer,
            new KeyLimits(5, 100.0, 100),
            onCallStart(
                e -> {
                  if (!thrown[0]) {
                    thrown[0] = true;
                    throw new StackOverflowError("deep recursion in host listener");
                  }
                }));
    String id = engine.create("key_a", Requests.now(3).build()).campaignId();
    assertThrows(StackOverflowError.class, engine::runDue);
    engine.runDue();
    clock.advance(Duration.ofHours(2)); // past every time-out
    engine.runDue();
    assertEquals(
        3,
        dialer.calls.stream().map(OutboundCall::to).distinct().count(),
        "every recipient dialled once, the one whose start event failed included");
    assertEquals(3, dialer.calls.size());
    assertEquals(CampaignStatus.COMPLETED, engine.campaign("key_a", id).status());
  }
}
