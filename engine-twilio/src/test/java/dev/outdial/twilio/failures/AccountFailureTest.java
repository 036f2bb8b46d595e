package dev.outdial.twilio.failures;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.DiallingEvent;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.fake.CreateAnswer;
import dev.outdial.twilio.support.TwilioRig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Account-wide failures stop dialling, not recipients: a token revoked mid-campaign leaves the
 * recipient whose create Twilio refused queued (Twilio created nothing), suspends the key, and the
 * account is probed with back-off until Twilio takes the credentials again; then dialling resumes
 * and every recipient is rung once.
 */
class AccountFailureTest {

  @Test
  void a_token_revoked_mid_campaign_suspends_the_key_with_no_recipient_consumed_then_resumes() {
    try (TwilioRig rig = TwilioRig.start()) {
      String campaignId = rig.campaign(3);
      rig.dial();
      assertEquals(3, rig.twilio.calls().size(), "three calls placed while the token is good");
      rig.twilio.complete(rig.sidOf(phone(0)), "completed");
      rig.settle();

      rig.twilio.revokeToken();
      String second = rig.campaign(TwilioRig.KEY, 10, 2);
      rig.dial();
      rig.settle();

      assertEquals(CallStatus.QUEUED, rig.callTo(second, phone(10)).status());
      assertEquals(
          "twilio error 20003 (HTTP 401): Authenticate",
          rig.campaignView(second).dialingSuspended().reason());
      assertEquals(
          rig.campaignView(second).dialingSuspended(),
          rig.campaignView(campaignId).dialingSuspended(),
          "the key is suspended, every campaign of it shows it");
      int refusedCreates = rig.twilio.createRequests().size() - 3;
      assertTrue(refusedCreates >= 1 && refusedCreates <= 2, "refused: " + refusedCreates);

      rig.runNextDelayed(); // first probe, 1 s later: still refused
      rig.runNextDelayed(); // second, 2 s after that
      assertEquals(2, rig.twilio.accountLookUps().size());
      assertEquals(3 + refusedCreates, rig.twilio.createRequests().size(), "no create while down");

      rig.twilio.restoreToken();
      rig.runNextDelayed(); // the probe succeeds: the engine is told it may dial again
      rig.dial();

      assertNull(rig.campaignView(second).dialingSuspended());
      assertEquals(5, rig.twilio.calls().size(), "each recipient placed once: 3 + 2");
      assertEquals(1, rig.twilio.callsTo(phone(10)).size());
      assertEquals(1, rig.twilio.callsTo(phone(11)).size());
      for (int i : new int[] {10, 11}) {
        rig.twilio.complete(rig.sidOf(phone(i)), "completed");
      }
      rig.settle();
      assertEquals(
          2, rig.campaignView(second).callsByEndedReason().get(EndedReason.COMPLETED).intValue());
    }
  }

  @Test
  void the_probe_backs_off_while_twilio_keeps_refusing() {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.revokeToken();
      rig.campaign(1);
      rig.dial();
      rig.settle();

      Duration[] waits = new Duration[4];
      for (int i = 0; i < waits.length; i++) {
        var before = rig.clock.instant();
        rig.runNextDelayed();
        waits[i] = Duration.between(before, rig.clock.instant());
      }

      assertEquals(
          java.util.List.of(
              Duration.ofSeconds(1),
              Duration.ofSeconds(2),
              Duration.ofSeconds(4),
              Duration.ofSeconds(8)),
          java.util.List.of(waits));
      assertEquals(1, rig.twilio.createRequests().size(), "probes, not creates");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "401, 20003, Authenticate",
    "403, 20005, Account not active",
    "403, 20006, Access Denied"
  })
  void an_account_refusal_on_create_leaves_the_recipient_queued_and_suspends_the_key(
      int httpStatus, int code, String message) {
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.onCreate(phone(0), CreateAnswer.error(httpStatus, code, message));
      String campaignId = rig.campaign(1);
      rig.dial();
      rig.settle();

      assertEquals(CallStatus.QUEUED, rig.callTo(campaignId, phone(0)).status(), "not consumed");
      assertEquals(
          "twilio error " + code + " (HTTP " + httpStatus + "): " + message,
          rig.campaignView(campaignId).dialingSuspended().reason());
      assertTrue(rig.twilio.calls().isEmpty());

      rig.runNextDelayed(); // the probe answers: the key dials again and the recipient is placed
      rig.dial();
      assertNull(rig.campaignView(campaignId).dialingSuspended());
      assertEquals(1, rig.twilio.callsTo(phone(0)).size());
    }
  }

  @Test
  void each_suspension_is_logged_at_error_once_and_heard_by_the_listener_as_is_its_end() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TwilioRig rig = TwilioRig.start()) {
      rig.twilio.revokeToken();
      rig.campaign(3); // three creates refused, three recipients put back: one episode
      rig.dial();
      rig.settle();
      rig.runNextDelayed(); // a probe, still refused
      rig.runNextDelayed(); // another
      assertEquals(1, errorLines(captured, "dialling of key key_a suspended"));
      assertEquals(1, errorLines(captured, "cannot place calls"));

      rig.twilio.restoreToken();
      rig.runNextDelayed();
      rig.dial();
      assertEquals(3, rig.twilio.calls().size(), "the three recipients placed once each");
      rig.twilio.revokeToken();
      rig.campaign(TwilioRig.KEY, 10, 1); // a second episode
      rig.dial();
      rig.settle();

      assertEquals(2, errorLines(captured, "dialling of key key_a suspended"));
      assertEquals(2, errorLines(captured, "cannot place calls"));
      assertEquals(
          List.of(true, false, true),
          rig.dialling.stream().map(DiallingEvent::suspended).toList(),
          "suspended, resumed, suspended: " + rig.dialling);
      assertEquals("twilio error 20003 (HTTP 401): Authenticate", rig.dialling.get(0).reason());
      assertTrue(rig.dialling.stream().allMatch(e -> e.keyId().equals(TwilioRig.KEY)));
    } finally {
      System.setErr(original);
    }
  }

  /**
   * Lines slf4j-simple printed at ERROR ({@code [thread] ERROR logger - message}) with {@code
   * part}.
   */
  private static long errorLines(ByteArrayOutputStream captured, String part) {
    return captured
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.matches("^\\[[^\\]]*\\] ERROR .*") && line.contains(part))
        .count();
  }
}
