package dev.outdial.twilio.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.twilio.TwilioDialer;
import dev.outdial.twilio.fake.ManualScheduler;
import dev.outdial.twilio.support.RecordingSink;
import dev.outdial.twilio.support.RestartRig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: what a cluster node's dialer does when a key moves between nodes. It asks, right before
 * each create request goes to Twilio and again as its body is written, whether it may still dial
 * for the call's key (a node that lost the key meanwhile sends nothing); it withholds the creates
 * of a key being handed on; and a call it still follows when its key comes back ends in the engine
 * that reconciled it.
 */
class KeyOnAnotherNodeTest {

  @Test
  void a_create_waiting_for_its_pace_is_not_sent_once_the_guard_refuses_it() throws Exception {
    try (RestartRig rig = RestartRig.start()) {
      AtomicReference<String> refusal = new AtomicReference<>();
      ManualScheduler scheduler = new ManualScheduler(rig.clock);
      KeyLimits onePerSecond = new KeyLimits(10, 1.0, 1);
      try (TwilioDialer dialer =
          TwilioDialer.builder(rig.settings)
              .scheduler(scheduler)
              .clock(rig.clock)
              .keyLimits(KeyLimitsSource.of(java.util.Map.of()), onePerSecond)
              .createGuard(call -> refusal.get())
              .build()) {
        RecordingSink sink = new RecordingSink();
        dialer.dial(RestartRig.outbound(1), sink);
        dialer.dial(RestartRig.outbound(2), sink); // waits a second for the key's token
        idle(dialer);
        assertEquals(1, rig.twilio.createRequests().size(), "the first create went at once");

        refusal.set("node n1 no longer holds key key_a");
        rig.clock.advance(Duration.ofSeconds(1));
        scheduler.runDue();
        idle(dialer);

        assertEquals(1, rig.twilio.createRequests().size(), "the second create was never sent");
        assertEquals(
            List.of(RestartRig.callId(2)),
            sink.notPlaced().stream().map(RecordingSink.NotPlaced::callId).toList(),
            "reported not placed: its recipient stays queued, not consumed");
        assertTrue(
            sink.notPlaced().get(0).reason().contains("no longer holds key key_a"),
            sink.notPlaced().get(0).reason());
        assertTrue(sink.endOf(RestartRig.callId(2)).isEmpty(), "no end: the call never was");
      }
    }
  }

  @Test
  void a_create_refused_as_its_body_is_written_never_reaches_twilio_and_is_not_placed()
      throws Exception {
    try (RestartRig rig = RestartRig.start()) {
      java.util.concurrent.atomic.AtomicInteger asked =
          new java.util.concurrent.atomic.AtomicInteger();
      try (TwilioDialer dialer =
          TwilioDialer.builder(rig.settings)
              .scheduler(new ManualScheduler(rig.clock))
              .clock(rig.clock)
              // Holds when the dialer's thread asks, not when the HTTP client's thread does:
              // the process froze in between and lost its key.
              .createGuard(call -> asked.incrementAndGet() == 1 ? null : "key_a lost meanwhile")
              .build()) {
        RecordingSink sink = new RecordingSink();
        dialer.dial(RestartRig.outbound(1), sink);
        idle(dialer);

        assertEquals(2, asked.get(), "asked on the dialer's thread, then as the body is written");
        assertEquals(List.of(), rig.twilio.createRequests(), "Twilio got no whole create");
        assertEquals(
            List.of(RestartRig.callId(1)),
            sink.notPlaced().stream().map(RecordingSink.NotPlaced::callId).toList());
        assertTrue(sink.ends().isEmpty(), "no end: the call never was");
      }
    }
  }

  @Test
  void creates_waiting_for_their_pace_are_withheld_at_once_and_never_sent() throws Exception {
    try (RestartRig rig = RestartRig.start()) {
      ManualScheduler scheduler = new ManualScheduler(rig.clock);
      KeyLimits onePerSecond = new KeyLimits(10, 1.0, 1);
      try (TwilioDialer dialer =
          TwilioDialer.builder(rig.settings)
              .scheduler(scheduler)
              .clock(rig.clock)
              .keyLimits(KeyLimitsSource.of(java.util.Map.of()), onePerSecond)
              .build()) {
        RecordingSink sink = new RecordingSink();
        for (int i = 1; i <= 4; i++) {
          dialer.dial(RestartRig.outbound(i), sink);
        }
        idle(dialer);
        assertEquals(1, rig.twilio.createRequests().size(), "one created, three wait their turn");
        assertEquals(3, dialer.unplacedCalls("key_a"));

        assertEquals(3, dialer.withholdCreates("key_a", "key_a is being handed over"));
        rig.clock.advance(Duration.ofSeconds(5));
        scheduler.runDue();
        idle(dialer);

        assertEquals(1, rig.twilio.createRequests().size(), "the three were never sent");
        assertEquals(0, dialer.unplacedCalls("key_a"));
        assertEquals(
            List.of(RestartRig.callId(2), RestartRig.callId(3), RestartRig.callId(4)),
            sink.notPlaced().stream().map(RecordingSink.NotPlaced::callId).sorted().toList());
      }
    }
  }

  @Test
  void a_call_still_followed_when_its_key_comes_back_ends_in_the_engine_that_reconciled_it()
      throws Exception {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(1); // the key's first engine on this node dialled it
      String sid = rig.twilio.calls().get(0).sid();
      RecordingSink next = new RecordingSink(); // the key's engine after it came back

      CallFate fate = rig.before.reconcile(RestartRig.inDoubt(1, sid), next);
      assertEquals(CallFate.Kind.IN_PROGRESS, fate.kind());
      rig.twilio.complete(sid, "completed");
      idle(rig.before);

      assertEquals(
          dev.outdial.engine.EndedReason.COMPLETED,
          next.endOf(RestartRig.callId(1)).orElseThrow().reason(),
          "the end reaches the engine following it now");
      assertTrue(rig.beforeSink.endOf(RestartRig.callId(1)).isEmpty(), "not the stopped one");
    }
  }

  private static void idle(TwilioDialer dialer)
      throws InterruptedException, ExecutionException, TimeoutException {
    dialer.idle().get(20, TimeUnit.SECONDS);
  }
}
