package dev.outdial.twilio.signature;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.support.TwilioRig;
import org.junit.jupiter.api.Test;

/** Acceptance 5: a callback with a bad or missing signature is answered 403 and changes nothing. */
class WebhookSignatureTest {

  @Test
  void a_status_callback_with_a_wrong_signature_is_403_and_changes_nothing() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      CallView before = rig.callTo(campaignId, phone(0));

      assertEquals(403, rig.twilio.postBadlySigned(sid, "busy"));
      rig.settle();

      assertEquals(before, rig.callTo(campaignId, phone(0)));
      assertEquals(CallStatus.IN_PROGRESS, before.status());
      // The refused callback did not even count as a sequence number: a real one still applies.
      assertEquals(204, rig.twilio.complete(sid, "completed"));
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_status_callback_without_a_signature_is_403_and_changes_nothing() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      CallView before = rig.callTo(campaignId, phone(0));

      assertEquals(403, rig.twilio.postUnsigned(rig.sidOf(phone(0)), "completed"));
      rig.settle();

      assertEquals(before, rig.callTo(campaignId, phone(0)));
    }
  }

  @Test
  void an_amd_callback_with_a_wrong_signature_is_403_and_hangs_nothing_up() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();

      assertEquals(403, rig.twilio.postAmdBadlySigned(rig.sidOf(phone(0)), "machine_start"));
      rig.settle();

      assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(0)).status());
      assertEquals(0, rig.twilio.hangUps().size());
    }
  }
}
