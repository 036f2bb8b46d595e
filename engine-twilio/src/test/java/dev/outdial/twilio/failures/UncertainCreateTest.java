package dev.outdial.twilio.failures;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.fake.RecordedRequest;
import dev.outdial.twilio.support.TwilioRig;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance 4, second half, and issue 11 item 6: after a 5xx or a time-out on create the dialer
 * never creates that call again. It asks Twilio ({@code GET Calls.json?To=..&From=..}) several
 * times over about two minutes and adopts the call it finds, else ends the call {@code error}.
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("uncertainAnswersListedLate")
  void an_uncertain_create_that_twilio_lists_late_is_adopted_and_never_created_again(
      String name, CreateAnswer answer) {
    try (TwilioRig rig = TwilioRig.start(b -> b.requestTimeout(Duration.ofMillis(300)))) {
      rig.twilio.onNextCreates(answer);
      String campaignId = rig.campaign(1);
      rig.dial();
      rig.twilio.releaseSlowAnswers();

      for (int i = 0;
          i < 20 && rig.twilio.lookUps().size() < 3 && rig.twilio.createRequests().size() < 2;
          i++) {
        rig.runNextDelayed();
      }

      assertEquals(1, rig.twilio.createRequests().size(), "never created a second time");
      assertEquals(3, rig.twilio.lookUps().size(), "found by the third look-up");
      assertEquals(
          TwilioRig.T0.plus(Duration.ofSeconds(660)),
          rig.scheduler.nextDue().orElseThrow(),
          "what waits now is the adopted call's reconciliation, not another look-up");
      assertEquals(1, rig.twilio.createRequests().size());
      assertEquals(1, rig.twilio.callsTo(phone(0)).size());
      rig.twilio.complete(rig.sidOf(phone(0)), "completed");
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  static Stream<Arguments> uncertainAnswersListedLate() {
    return Stream.of(
        Arguments.of("500", CreateAnswer.serverErrorAfterCreating().listedAfterLookUps(2)),
        Arguments.of("time-out", CreateAnswer.slowAfterCreating().listedAfterLookUps(2)));
  }

  @Test
  void an_uncertain_create_twilio_never_lists_ends_error_after_two_minutes_of_look_ups() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverError());
      String campaignId = rig.campaign(1);
      rig.dial();

      endByLookUps(rig, campaignId);

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.ERROR, call.endedReason());
      assertTrue(
          call.detail().startsWith("unknown whether Twilio created the call"), call.detail());
      assertTrue(call.detail().contains("not dialled again"), call.detail());
      assertEquals(1, rig.twilio.createRequests().size(), "never created a second time");
      assertNull(
          rig.campaignView(campaignId).dialingSuspended(),
          "a 5xx may have created the call: never put back as an account failure");
      List<RecordedRequest> lookUps = rig.twilio.lookUps();
      assertTrue(lookUps.size() >= 5, "several look-ups: " + lookUps.size());
      Duration looked = Duration.between(TwilioRig.T0, lookUps.get(lookUps.size() - 1).at());
      assertTrue(
          looked.compareTo(Duration.ofMinutes(2)) >= 0
              && looked.compareTo(Duration.ofMinutes(3)) <= 0,
          "the last look-up after " + looked);
      assertTrue(rig.twilio.calls().isEmpty());
    }
  }

  @Test
  void a_call_twilio_shows_only_after_the_look_ups_gave_up_is_hung_up_when_its_callback_comes() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating().listedAfterLookUps(100));
      String campaignId = rig.campaign(1);
      rig.dial();
      endByLookUps(rig, campaignId);
      assertEquals(EndedReason.ERROR, rig.callTo(campaignId, phone(0)).endedReason());

      String sid = rig.sidOf(phone(0));
      assertEquals(204, rig.twilio.post(sid, "ringing"));
      rig.settle();

      assertEquals(1, rig.twilio.hangUps().size());
      assertTrue(rig.twilio.hangUps().get(0).path().endsWith("/Calls/" + sid + ".json"));
      assertEquals("canceled", rig.twilio.call(sid).orElseThrow().status());
      assertEquals(204, rig.twilio.post(sid, "in-progress"));
      rig.settle();
      assertEquals(1, rig.twilio.hangUps().size(), "hung up once");
      assertEquals(EndedReason.ERROR, rig.callTo(campaignId, phone(0)).endedReason());
      assertEquals(1, rig.twilio.createRequests().size());
    }
  }

  @Test
  void a_call_to_the_number_made_before_the_dial_is_not_taken_for_this_one() {
    try (TwilioRig rig = TwilioRig.start()) {
      String earlier =
          rig.twilio.seedCall(
              phone(0), TwilioRig.FROM, TwilioRig.T0.minus(Duration.ofMinutes(10)), "completed");
      rig.twilio.onNextCreates(CreateAnswer.serverError());
      String campaignId = rig.campaign(1);
      rig.dial();

      endByLookUps(rig, campaignId);

      assertEquals(EndedReason.ERROR, rig.callTo(campaignId, phone(0)).endedReason());
      assertEquals(1, rig.twilio.createRequests().size());
      assertEquals(1, rig.twilio.callsTo(phone(0)).size());
      assertEquals(earlier, rig.twilio.callsTo(phone(0)).get(0).sid());
      assertTrue(rig.twilio.hangUps().isEmpty(), "the earlier call is left alone");
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
      endByLookUps(rig, second);

      assertEquals(2, rig.twilio.createRequests().size());
      assertEquals(1, rig.twilio.callsTo(phone(0)).size(), "no second call to the number");
      assertEquals(EndedReason.ERROR, rig.callTo(second, phone(0)).endedReason());
      assertEquals(EndedReason.BUSY, rig.callTo(first, phone(0)).endedReason());
    }
  }

  @Test
  void when_the_look_up_keeps_failing_the_call_ends_error_and_is_not_created_again() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating());
      rig.twilio.failLookups(1000);
      String campaignId = rig.campaign(1);
      rig.dial();

      endByLookUps(rig, campaignId);

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.ERROR, call.endedReason());
      assertTrue(
          call.detail().startsWith("unknown whether Twilio created the call"), call.detail());
      assertTrue(call.detail().contains("HTTP 500"), call.detail());
      assertTrue(rig.twilio.lookUps().size() >= 5, "looked up " + rig.twilio.lookUps().size());
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
  void a_campaign_canceled_while_its_call_is_looked_up_hangs_up_a_call_listed_late() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.serverErrorAfterCreating().listedAfterLookUps(2));
      String campaignId = rig.campaign(1);
      rig.dial();

      rig.engine.cancel(TwilioRig.KEY, campaignId);
      for (int i = 0; i < 20 && rig.twilio.hangUps().isEmpty(); i++) {
        rig.runNextDelayed();
      }

      String sid = rig.sidOf(phone(0));
      assertEquals(1, rig.twilio.createRequests().size());
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
      endByLookUps(rig, campaignId);

      assertEquals(1, rig.twilio.createRequests().size());
      assertTrue(rig.twilio.calls().isEmpty());
      assertTrue(rig.twilio.lookUps().size() >= 5, "a late call would still be hung up");
      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.CANCELED, call.endedReason());
      assertTrue(call.detail().contains("unknown whether Twilio created the call"), call.detail());
    }
  }

  /** Runs the dialer's delayed work until the call to {@code phone(0)} has ended. */
  private static void endByLookUps(TwilioRig rig, String campaignId) {
    for (int i = 0; i < 30 && rig.callTo(campaignId, phone(0)).endedReason() == null; i++) {
      rig.runNextDelayed();
    }
  }
}
