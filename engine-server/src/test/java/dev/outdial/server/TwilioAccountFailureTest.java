package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import dev.outdial.twilio.fake.FakeTwilio;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 3, through the server: credentials Twilio rejects stop the start; a token revoked
 * mid-campaign suspends the key, visible on the campaign, with no recipient consumed, and dialling
 * resumes by itself once Twilio takes the token again.
 */
class TwilioAccountFailureTest {
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "auth-token-for-tests";

  private static ServerConfig.Twilio twilio(FakeTwilio fake, String token) {
    return new ServerConfig.Twilio(
        ACCOUNT,
        token,
        null,
        null,
        fake.baseUri(),
        "https://agent.example.com/twiml",
        null,
        null,
        null,
        null,
        100.0,
        true);
  }

  @Test
  void a_server_whose_credentials_twilio_rejects_refuses_to_start() {
    try (FakeTwilio fake = FakeTwilio.start(ACCOUNT, TOKEN)) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  TestServer.start(
                          Clock.systemUTC(),
                          EngineListener.none(),
                          c -> c.withTwilio(twilio(fake, "not-the-token")))
                      .close());

      assertTrue(
          refused.getMessage().startsWith("Twilio refuses twilio.account_sid"),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("20003"), refused.getMessage());
      assertEquals(1, fake.accountLookUps().size());
    }
  }

  @Test
  void a_token_revoked_mid_campaign_suspends_dialling_visibly_and_it_resumes_by_itself()
      throws Exception {
    try (FakeTwilio fake = FakeTwilio.start(ACCOUNT, TOKEN);
        TestServer t =
            TestServer.start(
                Clock.systemUTC(), EngineListener.none(), c -> c.withTwilio(twilio(fake, TOKEN)))) {
      fake.revokeToken();
      String body =
          """
          {"agent_id": "agent_125207e452f8714a", "prompt": "Remind the patient.",
           "recipients": [{"phone": "+447111000001"}], "schedule_type": "now"}
          """;
      String id = Json.of(t.post("/v1/calls/batch", t.keyA, body)).get("campaign_id").asText();

      JsonNode suspended = await(t, id, c -> c.has("dialing_suspended"));
      assertTrue(
          suspended.get("dialing_suspended").get("reason").asText().contains("20003"),
          suspended.toString());
      assertEquals(1, suspended.get("calls_by_status").get("queued").asInt(), "not consumed");
      assertTrue(fake.calls().isEmpty());

      fake.restoreToken();
      JsonNode resumed =
          await(t, id, c -> c.get("calls_by_status").get("in_progress").asInt() == 1);
      assertTrue(!resumed.has("dialing_suspended"), resumed.toString());
      assertEquals(1, fake.callsTo("+447111000001").size(), "placed once");
    }
  }

  private static JsonNode await(TestServer t, String id, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      if (condition.test(campaign)) {
        return campaign;
      }
      assertTrue(System.nanoTime() < deadline, "never: " + campaign);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // between looks
    }
  }
}
