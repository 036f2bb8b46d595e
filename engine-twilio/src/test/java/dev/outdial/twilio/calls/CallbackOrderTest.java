package dev.outdial.twilio.calls;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.support.TwilioRig;
import org.junit.jupiter.api.Test;

/** Callbacks repeated or out of order ({@code SequenceNumber}) change nothing. */
class CallbackOrderTest {

  @Test
  void a_final_callback_with_an_old_sequence_number_is_ignored() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.postWithSequence(sid, "ringing", 1);
      rig.twilio.postWithSequence(sid, "in-progress", 2);

      assertEquals(204, rig.twilio.postWithSequence(sid, "busy", 1));
      assertEquals(204, rig.twilio.postWithSequence(sid, "no-answer", 2));
      rig.settle();
      assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(0)).status());

      rig.twilio.postWithSequence(sid, "completed", 3);
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_final_callback_arriving_before_earlier_ones_wins_and_the_late_ones_change_nothing() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));

      rig.twilio.postWithSequence(sid, "completed", 3);
      rig.settle();
      CallView ended = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.COMPLETED, ended.endedReason());

      assertEquals(204, rig.twilio.postWithSequence(sid, "ringing", 1));
      assertEquals(204, rig.twilio.postWithSequence(sid, "in-progress", 2));
      assertEquals(204, rig.twilio.postWithSequence(sid, "completed", 3));
      rig.settle();
      assertEquals(ended, rig.callTo(campaignId, phone(0)));
    }
  }

  @Test
  void an_answered_call_canceled_by_its_campaign_is_hung_up_with_completed() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "ringing");
      rig.twilio.post(sid, "in-progress");

      rig.engine.cancel(TwilioRig.KEY, campaignId);
      rig.awaitIdle();

      assertEquals(1, rig.twilio.hangUps().size());
      assertEquals("completed", rig.twilio.hangUps().get(0).param("Status"));
      rig.twilio.complete(sid, "completed");
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_ringing_call_canceled_by_its_campaign_is_canceled_and_then_completed_if_it_was_answered() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "ringing");

      rig.engine.cancel(TwilioRig.KEY, campaignId);
      rig.awaitIdle();
      assertEquals("canceled", rig.twilio.hangUps().get(0).param("Status"));

      // The person picked up while the cancel was on its way: "canceled" does not stop it.
      rig.twilio.post(sid, "in-progress");
      rig.awaitIdle();
      assertEquals(2, rig.twilio.hangUps().size());
      assertEquals("completed", rig.twilio.hangUps().get(1).param("Status"));
      assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(0)).status());
    }
  }
}
