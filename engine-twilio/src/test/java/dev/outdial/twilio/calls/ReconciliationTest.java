package dev.outdial.twilio.calls;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.support.TwilioRig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 6: a call whose callbacks are lost is reconciled from {@code GET Calls/{Sid}.json}
 * before the engine's time-out (maximum duration + grace) frees its slot.
 */
class ReconciliationTest {
  /** Ring timeout 30 s + maximum duration 10 min + margin 30 s. */
  private static final Instant FIRST_CHECK = TwilioRig.T0.plus(Duration.ofSeconds(660));

  private static final Instant ENGINE_TIMEOUT =
      TwilioRig.T0.plus(TwilioRig.MAX_CALL).plus(TwilioRig.GRACE);

  @Test
  void a_call_whose_callbacks_were_lost_ends_from_twilios_status_before_the_engine_times_it_out() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.setStatus(sid, "completed");
      assertEquals(FIRST_CHECK, rig.scheduler.nextDue().orElseThrow());

      rig.runNextDelayed();

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.COMPLETED, call.endedReason());
      assertTrue(call.endedAt().isBefore(ENGINE_TIMEOUT));
      assertEquals(
          "no final callback; reconciled from Twilio's call status completed", call.detail());
      assertTrue(
          rig.twilio.requests().stream()
              .anyMatch(
                  r -> r.method().equals("GET") && r.path().endsWith("/Calls/" + sid + ".json")));
    }
  }

  @Test
  void a_lost_busy_is_reconciled_as_busy() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      rig.twilio.setStatus(rig.sidOf(phone(0)), "busy");

      rig.runNextDelayed();

      assertEquals(EndedReason.BUSY, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_call_twilio_still_reports_in_progress_is_hung_up_and_checked_again_in_time() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String sid = rig.sidOf(phone(0));
      rig.twilio.setStatus(sid, "in-progress");

      rig.runNextDelayed();
      assertEquals(CallStatus.IN_PROGRESS, rig.callTo(campaignId, phone(0)).status());
      assertEquals("completed", rig.twilio.hangUps().get(0).param("Status"));

      rig.runNextDelayed();
      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.COMPLETED, call.endedReason());
      assertTrue(call.endedAt().isBefore(ENGINE_TIMEOUT), call.endedAt().toString());
    }
  }

  @Test
  void the_check_is_counted_from_the_dial_even_when_creating_the_call_took_retries() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.tooManyRequests(Duration.ofSeconds(20)));
      rig.campaign(1);
      rig.dial();
      rig.runNextDelayed();
      assertEquals(TwilioRig.T0.plusSeconds(20), rig.clock.instant());

      assertEquals(FIRST_CHECK, rig.scheduler.nextDue().orElseThrow());
    }
  }

  @Test
  void a_call_that_ended_by_its_callback_leaves_no_check_behind() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.campaign(1);
      rig.dial();
      assertEquals(1, rig.scheduler.pending());

      rig.twilio.complete(rig.sidOf(phone(0)), "completed");
      rig.settle();

      assertEquals(0, rig.scheduler.pending());
    }
  }
}
