package dev.outdial.twilio.restart;

import static dev.outdial.twilio.support.RestartRig.callId;
import static dev.outdial.twilio.support.RestartRig.inDoubt;
import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.twilio.support.RecordingSink;
import dev.outdial.twilio.support.RestartRig;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12: a call in doubt whose sid the engine committed is asked about with {@code GET
 * Calls/{Sid}.json}: a final status is its end (mapped as its callback would be), a call still
 * going is taken over, a sid Twilio does not know is unknown. Nothing is ever created.
 */
class ReconcileBySidTest {

  static Stream<Arguments> finalStatuses() {
    return Stream.of(
        Arguments.of("completed", EndedReason.COMPLETED),
        Arguments.of("busy", EndedReason.BUSY),
        Arguments.of("no-answer", EndedReason.NO_ANSWER),
        Arguments.of("failed", EndedReason.DIAL_FAILED),
        Arguments.of("canceled", EndedReason.CANCELED));
  }

  @ParameterizedTest
  @MethodSource("finalStatuses")
  void a_call_that_ended_while_the_engine_was_down_ends_as_its_final_callback_would(
      String status, EndedReason reason) {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(sid, status);
      rig.clock.advance(Duration.ofMinutes(5));
      rig.restart();

      CallFate fate = rig.reconcile(inDoubt(0, sid));

      assertEquals(
          CallFate.ended(
              reason,
              "CallStatus=" + status + "; reconciled after a restart from Twilio call " + sid),
          fate);
      assertEquals(1, rig.twilio.fetches().size());
      assertEquals(1, rig.twilio.createRequests().size(), "only the old process created it");
      assertTrue(rig.sink.ends().isEmpty(), "the fate is the answer; nothing else is reported");
      assertEquals(0, rig.scheduler.pending(), "an ended call leaves nothing to follow");
    }
  }

  @Test
  void a_call_a_machine_answered_that_ended_is_voicemail_detected() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.postAmd(sid, "machine_end_beep");
      rig.twilio.setStatus(sid, "completed");
      rig.restart();

      CallFate fate = rig.reconcile(inDoubt(0, sid));

      assertEquals(EndedReason.VOICEMAIL_DETECTED, fate.reason());
      assertEquals(
          "CallStatus=completed, AnsweredBy=machine_end_beep; reconciled after a restart from"
              + " Twilio call "
              + sid,
          fate.detail());
    }
  }

  @Test
  void a_call_still_going_is_taken_over_and_its_later_callback_ends_it_under_the_engine_call_id() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(sid, "ringing");
      rig.restart();

      assertEquals(CallFate.inProgress(), rig.reconcile(inDoubt(0, sid)));
      assertTrue(rig.after().call(callId(0)).isEmpty(), "its prompt was not handed over");
      assertEquals(204, rig.twilio.post(sid, "in-progress"));
      assertTrue(rig.sink.ends().isEmpty());
      assertEquals(204, rig.twilio.complete(sid, "completed"));

      assertEquals(
          new RecordingSink.End(callId(0), EndedReason.COMPLETED, null),
          rig.sink.endOf(callId(0)).orElseThrow());
      assertEquals(1, rig.twilio.createRequests().size());
      assertEquals(0, rig.scheduler.pending(), "its check went with its end");
    }
  }

  @Test
  void a_taken_over_call_is_hung_up_when_its_campaign_is_canceled() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(sid, "in-progress");
      rig.restart();
      assertEquals(CallFate.inProgress(), rig.reconcile(inDoubt(0, sid)));

      rig.after().hangUp(callId(0));
      rig.awaitIdle();

      assertEquals(1, rig.twilio.hangUps().size());
      assertEquals("completed", rig.twilio.hangUps().get(0).param("Status"));
      assertEquals("completed", rig.twilio.call(sid).orElseThrow().status());
      rig.twilio.post(sid, "completed");
      assertEquals(EndedReason.COMPLETED, rig.sink.endOf(callId(0)).orElseThrow().reason());
    }
  }

  @Test
  void a_taken_over_call_whose_final_callback_is_lost_ends_from_a_later_check() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(sid, "in-progress");
      rig.restart();
      assertEquals(CallFate.inProgress(), rig.reconcile(inDoubt(0, sid)));

      rig.scheduler.runNext(); // still in progress: checked again later, not hung up
      rig.awaitIdle();
      assertTrue(rig.sink.ends().isEmpty());
      assertTrue(rig.twilio.hangUps().isEmpty(), "its length is unknown: it is never cut short");

      rig.twilio.setStatus(sid, "busy");
      rig.scheduler.runNext();
      rig.awaitIdle();

      assertEquals(EndedReason.BUSY, rig.sink.endOf(callId(0)).orElseThrow().reason());
      assertEquals(3, rig.twilio.fetches().size());
    }
  }

  @Test
  void a_taken_over_call_a_machine_answered_before_the_crash_is_hung_up_and_ends_voicemail() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(sid, "in-progress");
      rig.restart();
      rig.twilio.postAmd(sid, "machine_start"); // the verdict came while nobody followed the call

      assertEquals(CallFate.inProgress(), rig.reconcile(inDoubt(0, sid)));

      assertEquals(1, rig.twilio.hangUps().size());
      assertEquals("completed", rig.twilio.hangUps().get(0).param("Status"));
      assertEquals(204, rig.twilio.post(sid, "completed"));
      assertEquals(
          new RecordingSink.End(
              callId(0), EndedReason.VOICEMAIL_DETECTED, "AnsweredBy=machine_start"),
          rig.sink.endOf(callId(0)).orElseThrow());
    }
  }

  @Test
  void a_sid_twilio_does_not_know_is_unknown() {
    try (RestartRig rig = RestartRig.start()) {
      rig.restart();
      String sid = "CA00000000000000000000000000000000";

      CallFate fate = rig.reconcile(inDoubt(0, sid));

      assertEquals(CallFate.Kind.UNKNOWN, fate.kind());
      assertTrue(fate.detail().startsWith("Twilio does not know call " + sid), fate.detail());
      assertTrue(fate.detail().contains("20404"), fate.detail());
      assertTrue(rig.twilio.createRequests().isEmpty());
    }
  }

  @Test
  void a_failing_fetch_is_asked_again_with_back_off() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.twilio.setStatus(sid, "no-answer");
      rig.restart();
      rig.twilio.failFetches(2);

      CallFate fate = rig.reconcileRunningRetries(inDoubt(0, sid));

      assertEquals(EndedReason.NO_ANSWER, fate.reason());
      assertEquals(3, rig.twilio.fetches().size());
    }
  }

  @Test
  void a_fetch_that_keeps_failing_is_unknown_once_the_attempts_run_out() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      rig.restart();
      rig.twilio.failFetches(100);

      CallFate fate = rig.reconcileRunningRetries(inDoubt(0, sid));

      assertEquals(CallFate.Kind.UNKNOWN, fate.kind());
      assertEquals(
          "asking Twilio about call "
              + sid
              + " failed 5 times, the last: twilio error 20500 (HTTP 500): Internal Server Error;"
              + " not dialled again",
          fate.detail());
      assertEquals(5, rig.twilio.fetches().size());
      assertEquals(1, rig.twilio.createRequests().size());
    }
  }
}
