package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import dev.outdial.twilio.TwilioDialer;
import dev.outdial.twilio.fake.FakeTwilio;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 7: the server started with Twilio settings pointing at the fake Twilio, the
 * seed's request sent over HTTP, and every call ends with the reason its callbacks say.
 */
class TwilioEndToEndTest {
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "auth-token-for-tests";

  @Test
  void seed_request_through_the_server_dials_twilio_and_each_call_ends_as_twilio_reports()
      throws Exception {
    // Monday 2026-06-15 09:00 London: the seed campaign's first open instant.
    SettableClock clock = new SettableClock(Instant.parse("2026-06-15T08:00:00.000Z"));
    CompletableFuture<String> completed = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(3);
    EngineListener listener =
        new EngineListener() {
          @Override
          public void onCall(CallEvent event) {
            if (event.status() == CallStatus.IN_PROGRESS) {
              started.countDown();
            }
          }

          @Override
          public void onCampaign(CampaignEvent event) {
            if (event.status() == CampaignStatus.COMPLETED) {
              completed.complete(event.campaignId());
            }
          }
        };
    try (FakeTwilio twilio = FakeTwilio.start(ACCOUNT, TOKEN);
        TestServer t =
            TestServer.start(
                clock,
                listener,
                c ->
                    c.withDefaultLimits(new ServerConfig.Limits(null, 100.0, 10))
                        .withTwilio(
                            new ServerConfig.Twilio(
                                ACCOUNT,
                                TOKEN,
                                null,
                                null,
                                twilio.baseUri(),
                                "https://agent.example.com/twiml",
                                null,
                                null,
                                null,
                                null,
                                100.0, // the account's rate: three creates without waiting
                                true)))) { // the fake posts callbacks to loopback
      JsonNode created =
          Json.of(
              t.send(
                  t.request("/v1/calls/batch")
                      .header("Authorization", "Bearer " + t.keyA.token())
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(TestServer.seedBody()))
                      .build()));
      String id = created.get("campaign_id").asText();
      assertEquals("2026-06-15T08:00:00.000Z", created.get("fires_at").asText());
      assertTrue(started.await(30, TimeUnit.SECONDS), "the engine started three calls");
      // A read runs on the engine's thread after the pass that handed the calls to the dialer.
      t.get("/v1/calls/batch/" + id, t.keyA);
      // Creates are paced by the account's bucket: wait for the third, with a deadline.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (twilio.createRequests().size() < 3) {
        assertTrue(System.nanoTime() < deadline, "three calls created at Twilio");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // between looks
      }
      ((TwilioDialer) t.server.dialer()).idle().get(30, TimeUnit.SECONDS);
      assertEquals(3, twilio.createRequests().size(), "three calls created at Twilio, no more");

      String first = twilio.onlyCallTo("+447111000001").sid();
      String second = twilio.onlyCallTo("+447111000002").sid();
      String third = twilio.onlyCallTo("+447111000003").sid();
      assertEquals(
          t.server.baseUri() + "/twilio/status?call_id=",
          twilio.onlyCallTo("+447111000001").param("StatusCallback").replaceAll("=call_.*", "="));
      assertEquals(204, twilio.post(first, "ringing"));
      assertEquals(204, twilio.post(first, "in-progress"));
      assertEquals(204, twilio.complete(first, "completed"));
      assertEquals(204, twilio.post(second, "in-progress"));
      assertEquals(204, twilio.postAmd(second, "machine_start"));
      // The machine verdict fixes the end; the slot is held until Twilio reports the call over.
      assertEquals(204, twilio.complete(second, "completed"));
      assertEquals(204, twilio.complete(third, "busy"));

      assertEquals(id, completed.get(30, TimeUnit.SECONDS));
      Map<String, String> reasons = new HashMap<>();
      for (JsonNode call :
          Json.of(t.get("/v1/calls/batch/" + id + "/calls", t.keyA)).get("calls")) {
        reasons.put(call.get("phone").asText(), call.get("ended_reason").asText());
      }
      assertEquals(
          Map.of(
              "+447111000001", "completed",
              "+447111000002", "voicemail_detected",
              "+447111000003", "busy"),
          reasons);
      ((TwilioDialer) t.server.dialer()).idle().get(30, TimeUnit.SECONDS);
      assertEquals(1, twilio.hangUps().size(), "the machine-answered call was hung up");
    }
  }
}
