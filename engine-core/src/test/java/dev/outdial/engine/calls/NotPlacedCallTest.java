package dev.outdial.engine.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.DiallingEvent;
import dev.outdial.engine.EndedReason;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call the dialer could not place for a reason that is not the recipient's (the account cannot
 * take calls) does not consume the recipient: it goes back to the queue with its call id, the key's
 * dialling is suspended (visible, logged once, heard by the listener) and resumes when the dialer
 * says it can place calls again. Nobody is dialled twice: a not-placed call never rang.
 */
class NotPlacedCallTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");

  /** An account that refuses every call while {@code down}, answering not placed. */
  private static final class Account implements Dialer {
    boolean down = true;
    final List<OutboundCall> placed = new ArrayList<>();
    final List<String> refused = new ArrayList<>();
    CallEndSink sink;

    @Override
    public void dial(OutboundCall call, CallEndSink ends) {
      sink = ends;
      if (down) {
        refused.add(call.callId());
        ends.notPlaced(call.callId(), "20003 Authenticate");
      } else {
        placed.add(call);
      }
    }
  }

  private final SettableClock clock = new SettableClock(T0);
  private final Account account = new Account();
  private final List<DiallingEvent> dialling = new ArrayList<>();
  private final OutdialEngine engine =
      OutdialEngine.builder()
          .clock(clock)
          .dialer(account)
          .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
          .defaultLimits(new KeyLimits(2, 100.0, 10))
          .maxCallDuration(Duration.ofHours(1))
          .timeoutGrace(Duration.ofMinutes(2))
          .listener(
              new EngineListener() {
                @Override
                public void onDialling(DiallingEvent event) {
                  dialling.add(event);
                }
              })
          .build();

  @Test
  void a_call_not_placed_leaves_its_recipient_queued_and_suspends_the_key_once() {
    String id = engine.create("key_a", Requests.now(3).build()).campaignId();

    engine.runDue();
    clock.advance(Duration.ofHours(3)); // past any time-out: nothing is in progress to time out
    engine.runDue();

    CampaignView view = engine.campaign("key_a", id);
    assertEquals(CampaignStatus.RUNNING, view.status());
    assertEquals(
        Map.of(CallStatus.QUEUED, 3, CallStatus.IN_PROGRESS, 0, CallStatus.ENDED, 0),
        view.callsByStatus());
    assertNotNull(view.dialingSuspended());
    assertEquals("20003 Authenticate", view.dialingSuspended().reason());
    assertEquals(T0, view.dialingSuspended().since());
    assertEquals(List.of(new DiallingEvent(T0, "key_a", true, "20003 Authenticate")), dialling);
    assertEquals(2, account.refused.size(), "two slots tried before the first report came back");
    CallView first = engine.calls("key_a", id, 0, 1).calls().get(0);
    assertEquals(CallStatus.QUEUED, first.status());
    assertNull(first.startedAt());
    assertNull(first.endedReason());
  }

  @Test
  void when_the_dialer_can_place_calls_again_the_key_resumes_and_each_recipient_is_placed_once() {
    String id = engine.create("key_a", Requests.now(3).build()).campaignId();
    engine.runDue();
    List<String> refusedIds = List.copyOf(account.refused);

    clock.advance(Duration.ofMinutes(30));
    account.down = false;
    account.sink.dialerAvailable();
    engine.runDue();

    assertEquals(2, account.placed.size(), "two slots");
    assertEquals(
        refusedIds,
        account.placed.stream().map(OutboundCall::callId).toList(),
        "the recipients put back keep their call ids and their order");
    assertNull(engine.campaign("key_a", id).dialingSuspended());
    assertEquals(
        new DiallingEvent(T0.plus(Duration.ofMinutes(30)), "key_a", false, null), dialling.get(1));
    for (OutboundCall call : List.copyOf(account.placed)) {
      account.sink.callEnded(call.callId(), EndedReason.COMPLETED);
    }
    engine.runDue();
    account.sink.callEnded(account.placed.get(2).callId(), EndedReason.COMPLETED);
    engine.runDue();

    assertEquals(3, account.placed.stream().map(OutboundCall::to).distinct().count());
    assertEquals(3, account.placed.size(), "nobody placed twice");
    assertEquals(CampaignStatus.COMPLETED, engine.campaign("key_a", id).status());
  }

  @Test
  void the_first_attempts_time_out_does_not_end_the_call_placed_later_for_the_same_recipient() {
    String id = engine.create("key_a", Requests.now(1).build()).campaignId();
    engine.runDue(); // not placed at T0: its time-out would be T0 + 1 h 2 min
    clock.advance(Duration.ofMinutes(30));
    account.down = false;
    account.sink.dialerAvailable();
    engine.runDue(); // placed at T0 + 30 min

    clock.set(T0.plus(Duration.ofMinutes(62)));
    engine.runDue();
    assertEquals(CallStatus.IN_PROGRESS, engine.calls("key_a", id, 0, 1).calls().get(0).status());
    clock.set(T0.plus(Duration.ofMinutes(92)));
    engine.runDue();
    CallView call = engine.calls("key_a", id, 0, 1).calls().get(0);
    assertEquals(EndedReason.TIMED_OUT, call.endedReason());
    assertEquals(T0.plus(Duration.ofMinutes(30)), call.startedAt());
  }

  @Test
  void a_campaign_canceled_while_suspended_ends_its_queued_again_recipients_canceled() {
    String id = engine.create("key_a", Requests.now(3).build()).campaignId();
    engine.runDue();

    CampaignView canceled = engine.cancel("key_a", id);

    assertEquals(CampaignStatus.CANCELED, canceled.status());
    assertEquals(3, canceled.callsByEndedReason().get(EndedReason.CANCELED));
    assertEquals(
        EndedReason.CANCELED, engine.calls("key_a", id, 0, 1).calls().get(0).endedReason());
    account.down = false;
    account.sink.dialerAvailable();
    engine.runDue();
    assertEquals(List.of(), account.placed);
  }
}
