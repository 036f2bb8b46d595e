package dev.outdial.twilio.calls;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.twilio.RetryPolicy;
import dev.outdial.twilio.support.TwilioRig;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 4: a call a machine answered ends {@code voicemail_detected}, but keeps its slot
 * until Twilio says it is gone, so Twilio-side concurrency (counted at the fake) never exceeds the
 * key's limit — even when hanging it up fails.
 */
class MachineSlotTest {
  private static final KeyLimits TWO_AT_ONCE = new KeyLimits(2, 10.0, 10);

  @Test
  void a_machine_verdict_keeps_the_slot_until_twilio_reports_the_call_completed() {
    try (TwilioRig rig = TwilioRig.start(TWO_AT_ONCE, b -> b)) {
      String campaignId = rig.campaign(3);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "in-progress");

      assertEquals(204, rig.twilio.postAmd(sid, "machine_start"));
      rig.settle();

      assertEquals("completed", rig.twilio.hangUps().get(0).param("Status"));
      assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(0)).status());
      assertEquals(2, rig.twilio.createRequests().size(), "no third call while the slot is held");

      assertEquals(204, rig.twilio.complete(sid, "completed"));
      rig.settle();
      rig.dial();

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.VOICEMAIL_DETECTED, call.endedReason());
      assertEquals("AnsweredBy=machine_start", call.detail());
      assertEquals(3, rig.twilio.createRequests().size(), "the freed slot dials the next");
      assertTrue(rig.twilio.maxLiveCalls() <= 2, "live at Twilio: " + rig.twilio.maxLiveCalls());
    }
  }

  @Test
  void when_the_hang_up_fails_the_slot_stays_held_until_the_look_up_says_the_call_ended() {
    try (TwilioRig rig = TwilioRig.start(TWO_AT_ONCE, b -> b)) {
      String campaignId = rig.campaign(4);
      rig.dial();
      rig.twilio.complete(rig.sidOf(phone(1)), "busy");
      rig.settle();
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "in-progress");
      rig.twilio.failHangUps(RetryPolicy.DEFAULT.maxAttempts());

      rig.twilio.postAmd(sid, "machine_end_beep");
      rig.settle();
      rig.dial();
      for (int i = 0; i < 40 && rig.callTo(campaignId, phone(0)).endedReason() == null; i++) {
        assertTrue(rig.twilio.maxLiveCalls() <= 2, "live at Twilio: " + rig.twilio.maxLiveCalls());
        rig.runNextDelayed();
      }

      assertTrue(rig.twilio.maxLiveCalls() <= 2, "live at Twilio: " + rig.twilio.maxLiveCalls());
      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.VOICEMAIL_DETECTED, call.endedReason());
      assertTrue(call.detail().startsWith("AnsweredBy=machine_end_beep"), call.detail());
      assertTrue(
          call.endedAt().isBefore(TwilioRig.T0.plus(TwilioRig.MAX_CALL).plus(TwilioRig.GRACE)));
      assertEquals("completed", rig.twilio.call(sid).orElseThrow().status());
      assertTrue(rig.twilio.hangUps().size() > 5, "hang-ups: " + rig.twilio.hangUps().size());
    }
  }
}
