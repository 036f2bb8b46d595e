package dev.outdial.twilio.restart;

import static dev.outdial.twilio.support.RestartRig.callId;
import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.support.RecordingSink;
import dev.outdial.twilio.support.RestartRig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the dialer reports Twilio's sid ({@code CallEndSink.callPlaced}) as soon as it learns
 * it, so a durable engine can commit it and look the call up by it after a crash.
 */
class CallPlacedTest {

  @Test
  void the_sid_of_a_created_call_is_reported_once_the_create_is_answered() {
    try (RestartRig rig = RestartRig.start()) {
      rig.dialBefore(0);

      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      assertEquals(List.of(new RecordingSink.Placed(callId(0), sid)), rig.beforeSink.placed());
    }
  }

  @Test
  void the_sid_of_a_call_whose_create_answer_was_lost_is_reported_when_the_look_up_finds_it() {
    try (RestartRig rig = RestartRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
      rig.dialBefore(0);
      assertTrue(rig.beforeSink.placed().isEmpty(), "no sid came with the 500");

      rig.beforeScheduler.runNext();
      rig.before.idle().join();

      String sid = rig.twilio.onlyCallTo(phone(0)).sid();
      assertEquals(List.of(new RecordingSink.Placed(callId(0), sid)), rig.beforeSink.placed());
    }
  }

  @Test
  void the_sid_named_by_a_callback_before_any_look_up_is_reported() {
    try (RestartRig rig = RestartRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
      rig.dialBefore(0);
      String sid = rig.twilio.onlyCallTo(phone(0)).sid();

      assertEquals(204, rig.twilio.post(sid, "initiated"));

      assertEquals(List.of(new RecordingSink.Placed(callId(0), sid)), rig.beforeSink.placed());
      assertTrue(rig.twilio.lookUps().isEmpty());
    }
  }
}
