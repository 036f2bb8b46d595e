package dev.outdial.twilio.calls;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.support.TwilioRig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3: Twilio's final statuses and create refusals as the engine's {@code ended_reason}.
 */
class CallEndMappingTest {

  @Test
  void each_final_call_status_ends_its_call_with_the_mapped_reason() {
    List<String> statuses = List.of("busy", "no-answer", "failed", "canceled", "completed");
    List<EndedReason> reasons =
        List.of(
            EndedReason.BUSY,
            EndedReason.NO_ANSWER,
            EndedReason.DIAL_FAILED,
            EndedReason.CANCELED,
            EndedReason.COMPLETED);
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(statuses.size());
      rig.dial();

      for (int i = 0; i < statuses.size(); i++) {
        String sid = rig.sidOf(phone(i));
        rig.twilio.post(sid, "initiated");
        rig.twilio.post(sid, "ringing");
        assertEquals(204, rig.twilio.complete(sid, statuses.get(i)));
      }
      rig.settle();

      for (int i = 0; i < statuses.size(); i++) {
        assertEquals(
            reasons.get(i), rig.callTo(campaignId, phone(i)).endedReason(), statuses.get(i));
      }
      assertEquals(CampaignStatus.COMPLETED, rig.campaignView(campaignId).status());
    }
  }

  @Test
  void a_failed_call_keeps_twilios_error_code_and_sip_response_as_detail() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));

      rig.twilio.post(
          sid,
          "failed",
          Map.of(
              "ErrorCode",
              "32009",
              "ErrorMessage",
              "Number unreachable",
              "SipResponseCode",
              "404"));
      rig.settle();

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.DIAL_FAILED, call.endedReason());
      assertEquals(
          "CallStatus=failed, ErrorCode=32009, ErrorMessage=Number unreachable, SipResponseCode=404",
          call.detail());
    }
  }

  @Test
  void a_21211_on_create_ends_that_call_dial_failed_with_the_code_and_the_campaign_goes_on() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onCreate(
          phone(1),
          CreateAnswer.error(
              400, 21211, "The 'To' number " + phone(1) + " is not a valid phone number."));
      String campaignId = rig.campaign(3);
      rig.dial();
      rig.settle();

      CallView refused = rig.callTo(campaignId, phone(1));
      assertEquals(EndedReason.DIAL_FAILED, refused.endedReason());
      assertEquals(
          "twilio error 21211 (HTTP 400): The 'To' number "
              + phone(1)
              + " is not a valid phone number.",
          refused.detail());
      assertEquals(
          1,
          rig.twilio.createRequests().stream().filter(r -> phone(1).equals(r.param("To"))).count());
      assertTrue(rig.twilio.callsTo(phone(1)).isEmpty());

      for (int i : new int[] {0, 2}) {
        rig.twilio.complete(rig.sidOf(phone(i)), "completed");
      }
      rig.settle();
      assertEquals(CampaignStatus.COMPLETED, rig.campaignView(campaignId).status());
      assertEquals(2, rig.campaignView(campaignId).callsByEndedReason().get(EndedReason.COMPLETED));
    }
  }

  @Test
  void every_create_refused_for_its_number_ends_its_call_dial_failed_with_twilios_code() {
    List<CreateAnswer> refusals =
        List.of(
            CreateAnswer.error(400, 21210, "The source phone number provided is not yet verified."),
            CreateAnswer.error(400, 21212, "Invalid 'From' phone number"),
            CreateAnswer.error(400, 21215, "Account not authorized to call this number"),
            CreateAnswer.error(400, 21216, "Account not allowed to call this number"),
            CreateAnswer.error(400, 21217, "Phone number does not appear to be valid"));
    try (TwilioRig rig = TwilioRig.start()) {
      for (int i = 0; i < refusals.size(); i++) {
        rig.twilio.onCreate(phone(i), refusals.get(i));
      }
      String campaignId = rig.campaign(refusals.size());
      rig.dial();
      rig.settle();

      for (int i = 0; i < refusals.size(); i++) {
        CreateAnswer refusal = refusals.get(i);
        CallView call = rig.callTo(campaignId, phone(i));
        assertEquals(EndedReason.DIAL_FAILED, call.endedReason());
        assertEquals(
            "twilio error "
                + refusal.code()
                + " (HTTP "
                + refusal.httpStatus()
                + "): "
                + refusal.message(),
            call.detail());
      }
      assertEquals(refusals.size(), rig.twilio.createRequests().size(), "never retried");
      assertEquals(0, rig.scheduler.pending());
      assertEquals(CampaignStatus.COMPLETED, rig.campaignView(campaignId).status());
    }
  }
}
