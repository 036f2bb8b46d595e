package dev.outdial.twilio.calls;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.twilio.MachineDetection;
import dev.outdial.twilio.fake.RecordedRequest;
import dev.outdial.twilio.support.TwilioRig;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Acceptance 1: one campaign of three recipients through Twilio, from create to completed. */
class CampaignThroughTwilioTest {
  private static final Set<String> CREATE_PARAMETERS =
      Set.of(
          "To",
          "From",
          "Url",
          "StatusCallback",
          "StatusCallbackEvent",
          "MachineDetection",
          "AsyncAmd",
          "AsyncAmdStatusCallback",
          "Timeout",
          "TimeLimit");

  @Test
  void three_recipients_make_three_authenticated_creates_with_exactly_the_documented_parameters() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(3);
      rig.dial();

      List<RecordedRequest> creates =
          rig.twilio.createRequests().stream()
              .sorted(Comparator.comparing((RecordedRequest r) -> r.param("To")))
              .toList();
      assertEquals(3, creates.size());
      String hooks = rig.settings.callbackBaseUrl().toString();
      for (int i = 0; i < 3; i++) {
        RecordedRequest create = creates.get(i);
        String callId = rig.callTo(campaignId, phone(i)).callId();
        assertTrue(create.authenticated());
        assertEquals(
            "/2010-04-01/Accounts/" + TwilioRig.ACCOUNT_SID + "/Calls.json", create.path());
        assertEquals(CREATE_PARAMETERS, create.form().keySet());
        assertEquals(phone(i), create.param("To"));
        assertEquals(TwilioRig.FROM, create.param("From"));
        assertEquals(
            "https://dial.example.com/twiml?call_id="
                + callId
                + "&campaign_id="
                + campaignId
                + "&agent_id="
                + TwilioRig.AGENT_ID,
            create.param("Url"));
        assertEquals(hooks + "/status?call_id=" + callId, create.param("StatusCallback"));
        assertEquals(
            List.of("initiated", "ringing", "answered", "completed"),
            create.params("StatusCallbackEvent"));
        assertEquals("Enable", create.param("MachineDetection"));
        assertEquals("true", create.param("AsyncAmd"));
        assertEquals(hooks + "/amd?call_id=" + callId, create.param("AsyncAmdStatusCallback"));
        assertEquals("30", create.param("Timeout"));
        assertEquals("600", create.param("TimeLimit"), "the engine's maximum call duration");
        for (String name : CREATE_PARAMETERS) {
          int expected = name.equals("StatusCallbackEvent") ? 4 : 1;
          assertEquals(expected, create.params(name).size(), name);
        }
      }
    }
  }

  @Test
  void ringing_then_in_progress_then_completed_ends_every_call_completed() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(3);
      rig.dial();

      for (int i = 0; i < 3; i++) {
        String sid = rig.sidOf(phone(i));
        assertEquals(204, rig.twilio.post(sid, "initiated"));
        assertEquals(204, rig.twilio.post(sid, "ringing"));
        assertEquals(204, rig.twilio.post(sid, "in-progress"));
        rig.settle();
        assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(i)).status());

        rig.clock.advance(Duration.ofSeconds(40));
        assertEquals(204, rig.twilio.complete(sid, "completed"));
        rig.settle();
        CallView call = rig.callTo(campaignId, phone(i));
        assertEquals(CallStatus.ENDED, call.status());
        assertEquals(EndedReason.COMPLETED, call.endedReason());
      }
      assertEquals(CampaignStatus.COMPLETED, rig.campaignView(campaignId).status());
      assertEquals(3, rig.campaignView(campaignId).callsByEndedReason().get(EndedReason.COMPLETED));
      assertEquals(3, rig.twilio.calls().size(), "one Twilio call per recipient");
      assertTrue(rig.twilio.hangUps().isEmpty());
    }
  }

  @Test
  void the_twiml_endpoint_finds_the_call_by_call_id_until_it_ends() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String callId = rig.callTo(campaignId, phone(0)).callId();

      OutboundCall call = rig.dialer.call(callId).orElseThrow();
      assertEquals("Remind the patient of tomorrow's check-up.", call.prompt());
      assertEquals(TwilioRig.AGENT_ID, call.agentId());

      rig.twilio.complete(rig.sidOf(phone(0)), "completed");
      rig.settle();
      assertTrue(rig.dialer.call(callId).isEmpty());
    }
  }

  @Test
  void an_api_key_authenticates_rest_requests_while_the_auth_token_checks_callbacks() {
    String keySid = "SK00112233445566778899aabbccddeeff";
    try (TwilioRig rig = TwilioRig.start(b -> b.apiKey(keySid, "key-secret"))) {
      rig.twilio.acceptApiKey(keySid, "key-secret");
      String campaignId = rig.campaign(1);
      rig.dial();

      assertTrue(rig.twilio.createRequests().get(0).authenticated());
      assertEquals(204, rig.twilio.complete(rig.sidOf(phone(0)), "completed"));
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void wrong_credentials_leave_the_recipient_queued_and_suspend_the_key_with_error_20003() {
    try (TwilioRig rig =
        TwilioRig.start(b -> b.apiKey("SK00112233445566778899aabbccddeeff", "not-the-secret"))) {
      String campaignId = rig.campaign(1);
      rig.dial();
      rig.settle();

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(CallStatus.QUEUED, call.status(), "not consumed: Twilio created nothing");
      assertTrue(
          rig.campaignView(campaignId).dialingSuspended().reason().contains("20003"),
          rig.campaignView(campaignId).dialingSuspended().reason());
      assertTrue(rig.twilio.calls().isEmpty());
    }
  }

  @Test
  void message_end_detection_and_the_ring_timeout_are_sent_as_configured() {
    try (TwilioRig rig =
        TwilioRig.start(
            b ->
                b.machineDetection(MachineDetection.DETECT_MESSAGE_END)
                    .ringTimeout(Duration.ofSeconds(25)))) {
      rig.campaign(1);
      rig.dial();

      RecordedRequest create = rig.twilio.createRequests().get(0);
      assertEquals("DetectMessageEnd", create.param("MachineDetection"));
      assertEquals("25", create.param("Timeout"));
    }
  }
}
