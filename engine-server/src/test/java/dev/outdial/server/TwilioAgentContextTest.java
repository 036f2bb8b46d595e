package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import dev.outdial.twilio.TwilioDialer;
import dev.outdial.twilio.fake.FakeTwilio;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 11, point 1: the server answers Twilio's voice URL itself with TwiML that connects the call
 * to its agent's media stream, carrying a capability token; with that token, and only with it, the
 * agent reads the call's context. Twilio is the fake, asking the voice URL as Twilio does.
 */
class TwilioAgentContextTest {
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "auth-token-for-tests";
  private static final String STREAM = "wss://agent.example.com/stream";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-15T08:00:00Z"));
  private final CountDownLatch twoStarted = new CountDownLatch(2);
  private final Set<String> ended = ConcurrentHashMap.newKeySet();
  private FakeTwilio twilio;
  private TestServer t;

  @BeforeEach
  void start() {
    twilio = FakeTwilio.start(ACCOUNT, TOKEN);
    EngineListener listener =
        new EngineListener() {
          @Override
          public void onCall(CallEvent event) {
            if (event.status() == CallStatus.IN_PROGRESS) {
              twoStarted.countDown();
            } else {
              ended.add(event.callId());
            }
          }
        };
    t =
        TestServer.start(
            clock,
            listener,
            c ->
                c.withDefaultLimits(new ServerConfig.Limits(null, 100.0, 10))
                    .withAgents(
                        List.of(
                            new ServerConfig.AgentEntry(
                                TestServer.AGENT_ID,
                                "Europe/London",
                                List.of("+447446466847"),
                                STREAM)))
                    .withTwilio(
                        new ServerConfig.Twilio(
                            ACCOUNT,
                            TOKEN,
                            null,
                            null,
                            twilio.baseUri(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            100.0,
                            true)));
  }

  @AfterEach
  void stop() {
    t.close();
    twilio.close();
  }

  private String createTwoCalls() throws Exception {
    String body =
        """
        {"agent_id": "agent_125207e452f8714a", "from_number": "+447446466847",
         "name": "Check-up reminders", "prompt": "Remind the patient of tomorrow's check-up.",
         "recipients": [
           {"phone": "+447111000001", "variables": {"patient_name": "Sarah"},
            "prompt_override": "Ask Sarah to bring her glasses."},
           {"phone": "+447111000002"}],
         "schedule_type": "now"}
        """;
    HttpResponse<String> created = t.post("/v1/calls/batch", t.keyA, body);
    assertEquals(201, created.statusCode(), created.body());
    assertTrue(twoStarted.await(30, TimeUnit.SECONDS), "the engine started both calls");
    t.get("/v1/calls/batch/" + Json.of(created).get("campaign_id").asText(), t.keyA);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (twilio.createRequests().size() < 2) { // creates are paced by the account's bucket
      assertTrue(System.nanoTime() < deadline, "both calls created at Twilio");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    ((TwilioDialer) t.server.dialer()).idle().get(30, TimeUnit.SECONDS);
    return Json.of(created).get("campaign_id").asText();
  }

  private static Map<String, String> streamParameters(String twiml) throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
    Element stream = (Element) doc.getElementsByTagName("Stream").item(0);
    assertEquals("Connect", stream.getParentNode().getNodeName());
    Map<String, String> parameters = new HashMap<>();
    parameters.put("url", stream.getAttribute("url"));
    NodeList list = stream.getElementsByTagName("Parameter");
    for (int i = 0; i < list.getLength(); i++) {
      Element p = (Element) list.item(i);
      parameters.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    return parameters;
  }

  private HttpResponse<String> context(String callId, String token) {
    return t.send(
        t.request("/v1/agent/calls/" + callId + "/context")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  @Test
  void the_voice_url_connects_the_call_to_its_agents_stream_with_ids_and_a_token()
      throws Exception {
    String campaignId = createTwoCalls();
    String sid = twilio.onlyCallTo("+447111000001").sid();
    assertTrue(
        twilio
            .onlyCallTo("+447111000001")
            .param("Url")
            .startsWith(t.server.baseUri() + "/twilio/voice?"));

    FakeTwilio.VoiceAnswer answer = twilio.fetchVoiceUrl(sid);

    assertEquals(200, answer.status());
    Map<String, String> parameters = streamParameters(answer.twiml());
    assertEquals(STREAM, parameters.get("url"));
    assertEquals(campaignId, parameters.get("campaign_id"));
    assertEquals(TestServer.AGENT_ID, parameters.get("agent_id"));
    assertTrue(parameters.get("call_id").startsWith("call_"));
    assertTrue(parameters.get("token").matches("ctx_[A-Za-z0-9_-]{43}"), parameters.get("token"));
    assertFalse(answer.twiml().contains("glasses"), "the prompt never travels through Twilio");
    assertFalse(answer.twiml().contains("Sarah"), "nor do the variables");
  }

  @Test
  void with_its_token_the_agent_reads_the_calls_effective_prompt_variables_and_numbers()
      throws Exception {
    createTwoCalls();
    Map<String, String> first =
        streamParameters(twilio.fetchVoiceUrl(twilio.onlyCallTo("+447111000001").sid()).twiml());
    Map<String, String> second =
        streamParameters(twilio.fetchVoiceUrl(twilio.onlyCallTo("+447111000002").sid()).twiml());

    HttpResponse<String> answer = context(first.get("call_id"), first.get("token"));

    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode json = Json.of(answer);
    assertEquals(first.get("call_id"), json.get("call_id").asText());
    assertEquals("Ask Sarah to bring her glasses.", json.get("prompt").asText());
    assertEquals("Sarah", json.get("variables").get("patient_name").asText());
    assertEquals("+447446466847", json.get("from").asText());
    assertEquals("+447111000001", json.get("to").asText());
    assertEquals("Check-up reminders", json.get("campaign_name").asText());
    JsonNode other = Json.of(context(second.get("call_id"), second.get("token")));
    assertEquals("Remind the patient of tomorrow's check-up.", other.get("prompt").asText());
    assertEquals(0, other.get("variables").size());
  }

  @Test
  void a_wrong_or_another_calls_token_reads_exactly_as_an_unknown_call() throws Exception {
    createTwoCalls();
    Map<String, String> first =
        streamParameters(twilio.fetchVoiceUrl(twilio.onlyCallTo("+447111000001").sid()).twiml());
    Map<String, String> second =
        streamParameters(twilio.fetchVoiceUrl(twilio.onlyCallTo("+447111000002").sid()).twiml());
    String callId = first.get("call_id");
    String unknownId = "call_" + "0".repeat(callId.length() - 5);

    HttpResponse<String> unknown = context(unknownId, first.get("token"));
    HttpResponse<String> wrong = context(callId, first.get("token") + "x");
    HttpResponse<String> others = context(callId, second.get("token"));
    HttpResponse<String> none =
        t.send(t.request("/v1/agent/calls/" + callId + "/context").GET().build());

    assertEquals(404, unknown.statusCode());
    String expected = unknown.body().replace(unknownId, callId);
    for (HttpResponse<String> refused : List.of(wrong, others, none)) {
      assertEquals(404, refused.statusCode());
      assertEquals(expected, refused.body());
    }
  }

  @Test
  void the_token_expires_five_minutes_after_its_call_ended() throws Exception {
    createTwoCalls();
    String sid = twilio.onlyCallTo("+447111000001").sid();
    Map<String, String> first = streamParameters(twilio.fetchVoiceUrl(sid).twiml());
    assertEquals(204, twilio.complete(sid, "completed"));
    String callId = first.get("call_id");
    awaitEnded(callId);

    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertEquals(200, context(callId, first.get("token")).statusCode(), "within the margin");
    clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> expired = context(callId, first.get("token"));
    String unknownId = "call_" + "0".repeat(callId.length() - 5);
    HttpResponse<String> unknown = context(unknownId, first.get("token"));
    assertEquals(404, expired.statusCode(), "expired");
    assertEquals(
        unknown.body().replace(unknownId, callId),
        expired.body(),
        "an expired token reads exactly as an unknown call");
  }

  @Test
  void an_unsigned_or_badly_signed_voice_request_is_refused_and_grants_nothing() throws Exception {
    createTwoCalls();
    String sid = twilio.onlyCallTo("+447111000001").sid();

    FakeTwilio.VoiceAnswer forged = twilio.fetchVoiceUrlBadlySigned(sid);
    FakeTwilio.VoiceAnswer unsigned = twilio.fetchVoiceUrlUnsigned(sid);

    for (FakeTwilio.VoiceAnswer refused : List.of(forged, unsigned)) {
      assertEquals(403, refused.status());
      assertFalse(refused.twiml().contains("token"));
      assertFalse(refused.twiml().contains("Stream"));
    }
  }

  private void awaitEnded(String callId) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!ended.contains(callId)) {
      assertTrue(System.nanoTime() < deadline, "the call never ended");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // between looks
    }
  }
}
