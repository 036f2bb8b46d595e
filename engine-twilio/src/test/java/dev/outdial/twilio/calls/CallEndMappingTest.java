package dev.outdial.twilio.calls;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.support.TwilioRig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Acceptance 3: Twilio's final statuses and create refusals as the engine's {@code ended_reason}. */
class CallEndMappingTest {

  @ParameterizedTest
  @CsvSource({
    "busy, busy",
    "no-answer, no_answer",
    "failed, dial_failed",
    "canceled, canceled",
    "completed, completed"
  })
  void a_final_call_status_ends_the_call_with_its_reason(String callStatus, String endedReason) {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "initiated");
      rig.twilio.post(sid, "ringing");

      assertEquals(204, rig.twilio.complete(sid, callStatus));
      rig.settle();

      assertEquals(
          EndedReason.fromWire(endedReason).orElseThrow(),
          rig.callTo(campaignId, phone(0)).endedReason());
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
          Map.of("ErrorCode", "32009", "ErrorMessage", "Number unreachable", "SipResponseCode", "404"));
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
      assertEquals(1, rig.twilio.createRequests().stream().filter(r -> phone(1).equals(r.param("To"))).count());
      assertTrue(rig.twilio.callsTo(phone(1)).isEmpty());

      for (int i : new int[] {0, 2}) {
        rig.twilio.complete(rig.sidOf(phone(i)), "completed");
      }
      rig.settle();
      assertEquals(CampaignStatus.COMPLETED, rig.campaignView(campaignId).status());
      assertEquals(2, rig.campaignView(campaignId).callsByEndedReason().get(EndedReason.COMPLETED));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "400, 21210, The source phone number provided is not yet verified for your account.",
    "400, 21212, Invalid 'From' phone number",
    "400, 21215, Account not authorized to call this number (geo permissions)",
    "400, 21216, Account not allowed to call this number",
    "400, 21217, Phone number does not appear to be valid",
    "401, 20003, Authenticate"
  })
  void a_refused_create_ends_the_call_dial_failed_with_code_and_message(
      int httpStatus, int code, String message) {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.error(httpStatus, code, message));
      String campaignId = rig.campaign(1);
      rig.dial();
      rig.settle();

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.DIAL_FAILED, call.endedReason());
      assertEquals(
          "twilio error " + code + " (HTTP " + httpStatus + "): " + message, call.detail());
      assertEquals(1, rig.twilio.createRequests().size(), "a refusal is never retried");
      assertEquals(0, rig.scheduler.pending());
    }
  }
}
