package dev.outdial.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A call adopted after a restart times out its maximum duration plus grace after it started,
 * whatever the order the calls in doubt were reconciled in (time-outs wait in a FIFO queue that
 * assumes they are added in the order they fall due).
 */
class AdoptedCallTimeoutTest {
  private static final String KEY = "key_a";
  private static final Instant START = Instant.parse("2026-06-15T09:00:00Z");
  private static final Duration MAX = Duration.ofMinutes(30);
  private static final Duration GRACE = Duration.ofMinutes(1);

  private final SettableClock clock = new SettableClock(START);
  private final MemoryStore store = new MemoryStore();
  private final Provider provider = new Provider();

  private OutdialEngine engine() {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(provider.dialer())
        .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
        .defaultLimits(new KeyLimits(5, 100.0, 10))
        .maxCallDuration(MAX)
        .timeoutGrace(GRACE)
        .store(store)
        .build();
  }

  @Test
  void an_adopted_call_times_out_on_time_though_a_later_started_one_was_adopted_first() {
    OutdialEngine first = engine();
    String older =
        first
            .create(KEY, Requests.now(0).recipients(Requests.recipients(0, 1)).build())
            .campaignId();
    first.pause(KEY, older); // created first, dialled last
    first.create(KEY, Requests.now(0).recipients(Requests.recipients(10, 1)).build());
    first.runDue();
    String earlyCall = provider.created.get(0).callId();
    clock.advance(Duration.ofMinutes(10));
    first.resume(KEY, older);
    first.runDue();
    String lateCall = provider.created.get(1).callId();

    OutdialEngine second = engine(); // crash; both calls still up: adopted, the later one first
    assertEquals(2, second.recovery().callsAdopted());
    clock.set(START.plus(MAX).plus(GRACE).plusSeconds(1));
    second.runDue();

    assertEquals(EndedReason.TIMED_OUT, second.call(KEY, earlyCall).endedReason());
    assertEquals(null, second.call(KEY, lateCall).endedReason());
  }
}
