package dev.outdial.twilio.calls;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.fake.RecordedRequest;
import dev.outdial.twilio.support.TwilioRig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance 2: an answering machine ends the call {@code voicemail_detected}, hung up via REST;
 * the end is reported once Twilio says the call is over.
 */
class AnsweringMachineTest {

  @Test
  void every_machine_verdict_ends_its_call_voicemail_detected_and_hangs_it_up() {
    List<String> verdicts =
        List.of("machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other");
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(verdicts.size());
      rig.dial();

      for (int i = 0; i < verdicts.size(); i++) {
        String sid = rig.sidOf(phone(i));
        rig.twilio.post(sid, "ringing");
        rig.twilio.post(sid, "in-progress");
        assertEquals(204, rig.twilio.postAmd(sid, verdicts.get(i)));
      }
      rig.settle();
      for (int i = 0; i < verdicts.size(); i++) {
        assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(i)).status());
        assertEquals(204, rig.twilio.complete(rig.sidOf(phone(i)), "completed"));
      }
      rig.settle();

      for (int i = 0; i < verdicts.size(); i++) {
        String sid = rig.sidOf(phone(i));
        CallView call = rig.callTo(campaignId, phone(i));
        assertEquals(EndedReason.VOICEMAIL_DETECTED, call.endedReason());
        assertEquals("AnsweredBy=" + verdicts.get(i), call.detail());
        List<RecordedRequest> hangUps =
            rig.twilio.hangUps().stream()
                .filter(r -> r.path().endsWith("/Calls/" + sid + ".json"))
                .toList();
        assertEquals(1, hangUps.size());
        assertEquals("completed", hangUps.get(0).param("Status"));
        assertEquals("completed", rig.twilio.call(sid).orElseThrow().status());
      }
    }
  }

  @Test
  void callbacks_after_the_machine_call_ended_change_nothing() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "in-progress");
      rig.twilio.postAmd(sid, "machine_start");
      rig.twilio.complete(sid, "completed");
      rig.settle();
      CallView ended = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.VOICEMAIL_DETECTED, ended.endedReason());

      assertEquals(204, rig.twilio.complete(sid, "completed"));
      assertEquals(204, rig.twilio.postAmd(sid, "machine_start"));
      rig.settle();

      assertEquals(ended, rig.callTo(campaignId, phone(0)));
      assertEquals(1, rig.twilio.hangUps().size());
    }
  }

  @Test
  void when_the_host_leaves_a_message_the_machine_call_goes_on_and_ends_voicemail_detected() {
    try (TwilioRig rig = TwilioRig.start(b -> b.leaveVoicemail(true))) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "in-progress");

      rig.twilio.postAmd(sid, "machine_end_beep");
      rig.settle();
      assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(0)).status());
      assertTrue(rig.twilio.hangUps().isEmpty());

      rig.twilio.complete(sid, "completed");
      rig.settle();
      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.VOICEMAIL_DETECTED, call.endedReason());
      assertEquals("CallStatus=completed, AnsweredBy=machine_end_beep", call.detail());
    }
  }

  @Test
  void a_fax_is_hung_up_and_ends_voicemail_detected_even_when_leaving_messages() {
    try (TwilioRig rig = TwilioRig.start(b -> b.leaveVoicemail(true))) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "in-progress");

      rig.twilio.postAmd(sid, "fax");
      rig.settle();
      assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(0)).status());
      rig.twilio.complete(sid, "completed");
      rig.settle();

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.VOICEMAIL_DETECTED, call.endedReason());
      assertEquals("AnsweredBy=fax", call.detail());
      assertEquals(1, rig.twilio.hangUps().size());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"human", "unknown"})
  void a_person_or_an_unsure_verdict_lets_the_call_go_on_to_completed(String answeredBy) {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.post(sid, "in-progress");

      rig.twilio.postAmd(sid, answeredBy);
      rig.settle();
      assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(0)).status());

      rig.twilio.complete(sid, "completed");
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
      assertTrue(rig.twilio.hangUps().isEmpty());
    }
  }
}
