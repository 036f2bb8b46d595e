package dev.outdial.twilio.restart;

import static dev.outdial.twilio.support.RestartRig.callId;
import static dev.outdial.twilio.support.RestartRig.inDoubt;
import static dev.outdial.twilio.support.TwilioRig.FROM;
import static dev.outdial.twilio.support.TwilioRig.T0;
import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.CallInDoubt;
import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.support.RecordingSink;
import dev.outdial.twilio.support.RestartRig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a call in doubt without a committed sid (the process died before Twilio's answer came)
 * is looked up as an answerless create is ({@code GET Calls.json?To=..&From=..}): exactly one call
 * between its numbers since it was dialled is this call; none or several is unknown. Nothing is
 * ever created.
 */
class ReconcileByLookUpTest {

  /** The old process sent the create of call 0; Twilio made the call, its answer never came. */
  private static RestartRig crashedAwaitingCreateAnswer() {
    RestartRig rig = RestartRig.start();
    rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
    rig.dialBefore(0);
    rig.clock.advance(Duration.ofMinutes(5));
    rig.restart();
    return rig;
  }

  @Test
  void the_one_call_twilio_lists_since_the_dial_is_the_call_and_ended_as_it_says() {
    try (RestartRig rig = crashedAwaitingCreateAnswer()) {
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(sid, "no-answer");

      CallFate fate = rig.reconcile(inDoubt(0, null));

      assertEquals(
          CallFate.ended(
              EndedReason.NO_ANSWER,
              "CallStatus=no-answer; reconciled after a restart from Twilio call " + sid),
          fate);
      assertEquals(1, rig.twilio.lookUps().size());
      assertEquals(phone(0), rig.twilio.lookUps().get(0).query().get("To").get(0));
      assertEquals(FROM, rig.twilio.lookUps().get(0).query().get("From").get(0));
      assertEquals(1, rig.twilio.createRequests().size(), "only the old process created it");
    }
  }

  @Test
  void the_one_call_twilio_lists_still_going_is_taken_over_and_its_sid_reported() {
    try (RestartRig rig = crashedAwaitingCreateAnswer()) {
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(sid, "ringing");

      assertEquals(CallFate.inProgress(), rig.reconcile(inDoubt(0, null)));

      assertEquals(List.of(new RecordingSink.Placed(callId(0), sid)), rig.sink.placed());
      assertEquals(204, rig.twilio.complete(sid, "busy"));
      assertEquals(EndedReason.BUSY, rig.sink.endOf(callId(0)).orElseThrow().reason());
      assertEquals(1, rig.twilio.createRequests().size());
    }
  }

  @Test
  void no_call_listed_is_unknown_and_nothing_is_created() {
    try (RestartRig rig = RestartRig.start()) {
      rig.clock.advance(Duration.ofMinutes(5)); // the process died before sending the create
      rig.restart();

      CallFate fate = rig.reconcile(inDoubt(0, null));

      assertEquals(
          CallFate.unknown(
              "Twilio lists no call from "
                  + FROM
                  + " to "
                  + phone(0)
                  + " created since "
                  + T0.minus(Duration.ofMinutes(1))
                  + ": it may never have been created; not dialled again"),
          fate);
      assertTrue(rig.twilio.createRequests().isEmpty());
    }
  }

  @Test
  void a_call_twilio_lists_late_is_hung_up_when_its_callback_comes() {
    try (RestartRig rig = RestartRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating().listedAfterLookUps(1));
      rig.dialBefore(0);
      rig.restart();

      CallFate fate = rig.reconcile(inDoubt(0, null));
      assertEquals(CallFate.Kind.UNKNOWN, fate.kind());
      assertTrue(fate.detail().contains("or lists it late: it was dialled 0 s ago"), fate.detail());

      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      assertEquals(204, rig.twilio.post(sid, "ringing"));
      rig.awaitIdle();

      assertEquals(1, rig.twilio.hangUps().size());
      assertTrue(rig.twilio.hangUps().get(0).path().endsWith("/Calls/" + sid + ".json"));
      assertEquals("canceled", rig.twilio.call(sid).orElseThrow().status());
      assertTrue(rig.sink.ends().isEmpty(), "the engine already has its fate");
    }
  }

  @Test
  void two_calls_listed_since_the_dial_are_unknown() {
    try (RestartRig rig = crashedAwaitingCreateAnswer()) {
      String ours = rig.twilio.onlyCallTo(phone(0)).sid();
      String other = rig.twilio.seedCall(phone(0), FROM, T0.plusSeconds(2), "completed");

      CallFate fate = rig.reconcile(inDoubt(0, null));

      assertEquals(CallFate.Kind.UNKNOWN, fate.kind());
      assertTrue(fate.detail().startsWith("Twilio lists 2 calls from " + FROM), fate.detail());
      assertTrue(fate.detail().contains(ours) && fate.detail().contains(other), fate.detail());
      assertTrue(rig.sink.placed().isEmpty());
      assertEquals(1, rig.twilio.createRequests().size());
    }
  }

  @Test
  void a_call_made_before_the_dial_is_not_taken_for_it() {
    try (RestartRig rig = crashedAwaitingCreateAnswer()) {
      String ours = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.seedCall(phone(0), FROM, T0.minus(Duration.ofMinutes(2)), "completed");
      rig.twilio.setStatus(ours, "busy");

      CallFate fate = rig.reconcile(inDoubt(0, null));

      assertEquals(EndedReason.BUSY, fate.reason());
      assertTrue(fate.detail().endsWith(ours), fate.detail());
    }
  }

  @Test
  void a_call_reconciled_by_its_sid_is_not_taken_for_another_call_in_doubt() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String first = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(first, "completed");
      rig.restart();
      // a second campaign's call to the same person from the same number, never sent
      CallInDoubt second =
          new CallInDoubt(
              "call_00000000000000ff",
              "batchcall_0000000000000002",
              "key_a",
              FROM,
              phone(0),
              T0,
              null);

      assertEquals(EndedReason.COMPLETED, rig.reconcile(inDoubt(0, first)).reason());
      CallFate fate = rig.reconcile(second);

      assertEquals(CallFate.Kind.UNKNOWN, fate.kind());
      assertTrue(fate.detail().startsWith("Twilio lists no call"), fate.detail());
    }
  }

  @Test
  void a_failing_look_up_is_asked_again_then_unknown() {
    try (RestartRig rig = crashedAwaitingCreateAnswer()) {
      rig.twilio.failLookups(100);

      CallFate fate = rig.reconcileRunningRetries(inDoubt(0, null));

      assertEquals(CallFate.Kind.UNKNOWN, fate.kind());
      assertTrue(
          fate.detail()
              .startsWith("looking up calls from " + FROM + " to " + phone(0) + " failed 5 times"),
          fate.detail());
      assertEquals(5, rig.twilio.lookUps().size());
      assertEquals(1, rig.twilio.createRequests().size());
    }
  }
}
