package dev.outdial.twilio.failures;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.twilio.RetryPolicy;
import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.support.CreateTimes;
import dev.outdial.twilio.support.TwilioRig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 4, first half: a create Twilio certainly did not take (429 / error 20429, or a
 * connection never made) is sent again after a back-off, and only such a create.
 */
class CreateRetryTest {

  @Test
  void two_429s_then_201_create_exactly_one_call() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.tooManyRequests(), CreateAnswer.tooManyRequests());
      String campaignId = rig.campaign(1);
      rig.dial();
      assertEquals(1, rig.twilio.createRequests().size());
      assertEquals(1, rig.scheduler.pending(), "a retry waits for its back-off");

      rig.runNextDelayed();
      assertEquals(2, rig.twilio.createRequests().size());
      rig.runNextDelayed();

      assertEquals(3, rig.twilio.createRequests().size());
      assertEquals(1, rig.twilio.calls().size());
      rig.twilio.complete(rig.sidOf(phone(0)), "completed");
      rig.settle();
      assertEquals(EndedReason.COMPLETED, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_create_retried_after_a_429_takes_a_token_so_the_keys_creates_stay_within_its_rate() {
    KeyLimits oneASecond = new KeyLimits(10, 1.0, 2);
    try (TwilioRig rig = TwilioRig.start(oneASecond, b -> b)) {
      rig.twilio.onNextCreates(CreateAnswer.tooManyRequests(), CreateAnswer.tooManyRequests());
      rig.campaign(6);

      rig.runFor(Duration.ofSeconds(12), Duration.ofMillis(100));

      assertEquals(8, rig.twilio.createRequests().size(), "six first attempts and two retries");
      assertEquals(6, rig.twilio.calls().size());
      CreateTimes.assertWithinRate(rig.twilio, 2, 1.0);
    }
  }

  @Test
  void a_create_retried_after_a_refused_connection_takes_a_token_too() {
    KeyLimits oneASecond = new KeyLimits(10, 1.0, 2);
    try (TwilioRig rig = TwilioRig.start(oneASecond, b -> b)) {
      rig.twilio.stop();
      rig.campaign(6);
      rig.dial();
      assertTrue(rig.twilio.requests().isEmpty());
      rig.twilio.restart();

      rig.runFor(Duration.ofSeconds(12), Duration.ofMillis(100));

      assertEquals(6, rig.twilio.createRequests().size());
      assertEquals(6, rig.twilio.calls().size());
      CreateTimes.assertWithinRate(rig.twilio, 1, 1.0);
    }
  }

  @Test
  void the_back_off_grows_and_stays_within_the_policy() {
    RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(5));
    try (TwilioRig rig = TwilioRig.start(b -> b.retry(policy))) {
      rig.twilio.onNextCreates(
          CreateAnswer.tooManyRequests(),
          CreateAnswer.tooManyRequests(),
          CreateAnswer.tooManyRequests());
      rig.campaign(1);
      rig.dial();

      Duration[][] bounds = {
        {Duration.ofSeconds(1), Duration.ofSeconds(2)},
        {Duration.ofSeconds(2), Duration.ofSeconds(4)},
        {Duration.ofMillis(2500), Duration.ofSeconds(5)}
      };
      for (Duration[] bound : bounds) {
        Duration wait =
            Duration.between(rig.clock.instant(), rig.scheduler.nextDue().orElseThrow());
        assertTrue(wait.compareTo(bound[0]) >= 0 && wait.compareTo(bound[1]) <= 0, wait.toString());
        rig.runNextDelayed();
      }
      assertEquals(1, rig.twilio.calls().size());
    }
  }

  @Test
  void a_retry_after_header_is_honoured() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.tooManyRequests(Duration.ofSeconds(20)));
      rig.campaign(1);
      rig.dial();

      assertEquals(rig.clock.instant().plusSeconds(20), rig.scheduler.nextDue().orElseThrow());
      rig.runNextDelayed();
      assertEquals(1, rig.twilio.calls().size());
    }
  }

  @Test
  void when_429s_outlast_the_attempts_the_recipient_stays_queued_and_the_key_is_suspended() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4));
    try (TwilioRig rig = TwilioRig.start(b -> b.retry(policy))) {
      rig.twilio.onCreate(
          phone(0),
          CreateAnswer.tooManyRequests(),
          CreateAnswer.tooManyRequests(),
          CreateAnswer.tooManyRequests());
      String campaignId = rig.campaign(1);
      rig.dial();
      rig.runNextDelayed();
      rig.runNextDelayed();

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(CallStatus.QUEUED, call.status(), "a 429 creates nothing: not consumed");
      assertEquals(
          "twilio error 20429 (HTTP 429): Too Many Requests (gave up after 3 attempts)",
          rig.campaignView(campaignId).dialingSuspended().reason());
      assertEquals(3, rig.twilio.createRequests().size());
      assertTrue(rig.twilio.calls().isEmpty());

      rig.runNextDelayed(); // the account probe answers: dialling resumes, the recipient is placed
      rig.dial();
      assertEquals(1, rig.twilio.calls().size());
      assertEquals(null, rig.campaignView(campaignId).dialingSuspended());
    }
  }

  @Test
  void
      when_twilio_stays_unreachable_past_the_attempts_the_recipient_stays_queued_and_the_key_is_suspended() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4));
    try (TwilioRig rig = TwilioRig.start(b -> b.retry(policy))) {
      rig.twilio.stop();
      String campaignId = rig.campaign(1);
      rig.dial();
      rig.runNextDelayed();
      rig.runNextDelayed();

      assertEquals(
          CallStatus.QUEUED,
          rig.callTo(campaignId, phone(0)).status(),
          "a connection never made creates nothing: not consumed");
      String reason = rig.campaignView(campaignId).dialingSuspended().reason();
      assertTrue(
          reason.startsWith("could not reach Twilio: ")
              && reason.endsWith("(gave up after 3 attempts)"),
          reason);
      assertTrue(rig.twilio.requests().isEmpty());

      rig.twilio.restart();
      rig.runNextDelayed(); // the account probe answers: dialling resumes, the recipient is placed
      rig.dial();
      assertEquals(1, rig.twilio.calls().size());
      assertEquals(null, rig.campaignView(campaignId).dialingSuspended());
    }
  }

  @Test
  void a_connection_refused_before_the_request_was_sent_is_retried() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.stop();
      String campaignId = rig.campaign(1);
      rig.dial();
      assertEquals(1, rig.scheduler.pending());
      assertTrue(rig.twilio.requests().isEmpty());

      rig.twilio.restart();
      rig.runNextDelayed();

      assertEquals(1, rig.twilio.createRequests().size());
      assertEquals(1, rig.twilio.calls().size());
      rig.twilio.complete(rig.sidOf(phone(0)), "busy");
      rig.settle();
      assertEquals(EndedReason.BUSY, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_campaign_canceled_while_a_create_waits_for_its_retry_ends_the_call_canceled_undialled() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onNextCreates(CreateAnswer.tooManyRequests());
      String campaignId = rig.campaign(1);
      rig.dial();

      rig.engine.cancel(TwilioRig.KEY, campaignId);
      rig.settle();
      assertEquals(0, rig.scheduler.runNext());

      CallView call = rig.callTo(campaignId, phone(0));
      assertEquals(EndedReason.CANCELED, call.endedReason());
      assertEquals(1, rig.twilio.createRequests().size());
      assertTrue(rig.twilio.calls().isEmpty());
    }
  }
}
