package dev.outdial.twilio.failures;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.RetryPolicy;
import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.support.TwilioRig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 4, second half: a 5xx or a time-out on create is never retried blindly. The dialer
 * asks Twilio ({@code GET Calls.json?To=..&From=..}) and adopts the call it made, creates again
 * only when Twilio has none, and gives up with {@code error} rather than risk a second call.
 */
class UncertainCreateTest {

  @Test
  void a_500_after_twilio_created_the_call_makes_no_second_call_to_that_number() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
      String campaignId = rig.campaign(1);
      rig.dial();
      assertTrue(rig.twilio.lookUps().isEmpty(), "the look-up waits a back-off first");

      rig.runNextDelayed();

      assertEquals(1, rig.twilio.lookUps().size());
      assertEquals(phone(0), rig.twilio.lookUps().get(0).query().get("To").get(0));
      assertEquals(TwilioRig.FROM, rig.twilio.lookUps().get(0).query().get("From").get(0));
      assertEquals(1, rig.twilio.createRequests().size());
      String sid = rig.sidOf(phone(0));
      assertEquals(204, rig.twilio.complete(sid, "completed"));
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
      assertEquals(1, rig.twilio.callsTo(phone(0)).size());
    }
  }

  @Test
  void a_time_out_after_twilio_created_the_call_makes_no_second_call_to_that_number() {
    try (TwilioRig rig = TwilioRig.start(b -> b.requestTimeout(Duration.ofMillis(300)))) {
      rig.twilio.onNextCreates(CreateAnswer.slowAfterCreating());
      String campaignId = rig.campaign(1);
      rig.dial();
      rig.twilio.releaseSlowAnswers();

      rig.runNextDelayed();

      assertEquals(1, rig.twilio.createRequests().size());
      assertEquals(1, rig.twilio.callsTo(phone(0)).size());
      rig.twilio.complete(rig.sidOf(phone(0)), "no-answer");
      rig.settle();
      assertEquals(EndedReason.NO_ANSWER, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_callback_naming_the_call_settles_it_before_any_look_up() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
      String campaignId = rig.campaign(1);
      rig.dial();

      assertEquals(204, rig.twilio.post(rig.sidOf(phone(0)), "initiated"));
      rig.runNextDelayed();

      assertTrue(rig.twilio.lookUps().isEmpty());
      assertEquals(1, rig.twilio.createRequests().size());
      rig.twilio.complete(rig.sidOf(phone(0)), "completed");
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_500_without_a_call_is_created_again_once_the_look_up_finds_none() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverError());
      String campaignId = rig.campaign(1);
      rig.dial();

      rig.runNextDelayed();

      assertEquals(1, rig.twilio.lookUps().size());
      assertEquals(2, rig.twilio.createRequests().size());
      assertEquals(1, rig.twilio.callsTo(phone(0)).size());
      rig.twilio.complete(rig.sidOf(phone(0)), "completed");
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_call_to_the_number_made_before_the_dial_is_not_taken_for_this_one() {
    try (TwilioRig rig = TwilioRig.start()) {
      String earlier =
          rig.twilio.seedCall(
              phone(0), TwilioRig.FROM, TwilioRig.T0.minus(Duration.ofMinutes(10)), "completed");
      rig.twilio.onNextCreates(CreateAnswer.serverError());
      rig.campaign(1);
      rig.dial();

      rig.runNextDelayed();

      assertEquals(2, rig.twilio.createRequests().size());
      assertEquals(2, rig.twilio.callsTo(phone(0)).size());
      assertTrue(rig.twilio.callsTo(phone(0)).stream().anyMatch(c -> c.sid().equals(earlier)));
    }
  }

  @Test
  void a_call_another_engine_call_already_owns_is_not_adopted() {
    try (TwilioRig rig = TwilioRig.start()) {
      String first = rig.campaign(1);
      rig.dial();
      rig.twilio.complete(rig.sidOf(phone(0)), "busy");
      rig.settle();
      assertEquals(EndedReason.BUSY, rig.callTo(first, phone(0)).endedReason());

      rig.clock.advance(Duration.ofSeconds(20));
      rig.twilio.onNextCreates(CreateAnswer.serverError());
      String second = rig.campaign(1);
      rig.dial();
      rig.runNextDelayed();

      assertEquals(3, rig.twilio.createRequests().size());
      assertEquals(2, rig.twilio.callsTo(phone(0)).size(), "the first call was not adopted");
      String sid = rig.twilio.callsTo(phone(0)).get(1).sid();
      rig.twilio.complete(sid, "completed");
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(second, phone(0)).endedReason());
    }
  }

  @Test
  void when_the_look_up_keeps_failing_the_call_ends_error_and_is_not_created_again() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4));
    try (TwilioRig rig = TwilioRig.start(b -> b.retry(policy))) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
      rig.twilio.failLookups(3);
      String campaignId = rig.campaign(1);
      rig.dial();

      rig.runNextDelayed();
      rig.runNextDelayed();
      rig.runNextDelayed();

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.ERROR, call.endedReason());
      assertTrue(
          call.detail().startsWith("unknown whether Twilio created the call"), call.detail());
      assertEquals(3, rig.twilio.lookUps().size());
      assertEquals(1, rig.twilio.createRequests().size());
    }
  }

  @Test
  void a_look_up_that_fails_once_is_retried_and_then_adopts_the_call() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
      rig.twilio.failLookups(1);
      rig.campaign(1);
      rig.dial();

      rig.runNextDelayed();
      rig.runNextDelayed();

      assertEquals(2, rig.twilio.lookUps().size());
      assertEquals(1, rig.twilio.createRequests().size());
      assertEquals(1, rig.twilio.callsTo(phone(0)).size());
    }
  }

  @Test
  void a_campaign_canceled_while_its_call_is_looked_up_hangs_the_found_call_up() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
      String campaignId = rig.campaign(1);
      rig.dial();

      rig.engine.cancel(TwilioRig.KEY, campaignId);
      rig.runNextDelayed();

      String sid = rig.sidOf(phone(0));
      assertEquals(1, rig.twilio.hangUps().size());
      assertEquals("canceled", rig.twilio.hangUps().get(0).param("Status"));
      assertEquals("canceled", rig.twilio.call(sid).orElseThrow().status());
      rig.twilio.complete(sid, "canceled");
      rig.settle();
      assertEquals(EndedReason.CANCELED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_campaign_canceled_while_a_call_twilio_never_made_is_looked_up_is_not_created_again() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverError());
      String campaignId = rig.campaign(1);
      rig.dial();

      rig.engine.cancel(TwilioRig.KEY, campaignId);
      rig.runNextDelayed();

      assertEquals(1, rig.twilio.createRequests().size());
      assertTrue(rig.twilio.calls().isEmpty());
      assertEquals(EndedReason.CANCELED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }
}
