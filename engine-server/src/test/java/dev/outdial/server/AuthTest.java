package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue acceptance 4: every bad credential is the same 401; another key's campaign is 404. */
class AuthTest {
  private static final String BODY =
      "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
          + " \"schedule\", \"scheduled_date\": \"2099-01-01\","
          + " \"recipients\": [{\"phone\": \"+447111000001\"}]}";
  private static TestServer t;

  @BeforeAll
  static void start() {
    t = TestServer.start(new SettableClock(Instant.parse("2026-06-10T12:00:00Z")));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private HttpResponse<String> createWith(String authorization) {
    HttpRequest.Builder request =
        t.request("/v1/calls/batch")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return t.send(request.build());
  }

  @Test
  void missing_malformed_wrong_and_unknown_credentials_are_the_same_401() {
    String unknownKey = "Bearer key_0000000000000000:" + t.keyA.secret();
    List<String> cases = new ArrayList<>();
    cases.add(null);
    cases.add("Basic " + t.keyA.token());
    cases.add("Bearer " + t.keyA.keyId() + ":" + t.keyB.secret());
    cases.add(unknownKey);
    cases.add("Bearer " + t.keyA.keyId());
    cases.add("Bearer :" + t.keyA.secret());
    cases.add("Bearer");
    int openBefore = t.server.engine().openCampaigns().size();
    List<String> bodies = new ArrayList<>();
    for (String authorization : cases) {
      HttpResponse<String> answer = createWith(authorization);
      assertEquals(401, answer.statusCode(), String.valueOf(authorization));
      assertEquals("unauthorized", Json.of(answer).get("error").asText());
      assertEquals(
          "Bearer realm=\"outdial\"", answer.headers().firstValue("WWW-Authenticate").orElse(""));
      bodies.add(answer.body());
    }
    assertEquals(1, Set.copyOf(bodies).size(), "401 bodies must not say which part was wrong");
    assertEquals(openBefore, t.server.engine().openCampaigns().size(), "nothing was created");
  }

  @Test
  void the_scheme_is_case_insensitive_and_the_right_key_is_accepted() {
    assertEquals(201, createWith("bearer " + t.keyA.token()).statusCode());
  }

  @Test
  void another_keys_campaign_is_404_for_every_read_and_action_and_unchanged() {
    String id = Json.of(t.post("/v1/calls/batch", t.keyA, BODY)).get("campaign_id").asText();
    String missing =
        Json.of(t.get("/v1/calls/batch/batchcall_0000000000000000", t.keyB)).toString();

    List<HttpResponse<String>> answers =
        List.of(
            t.get("/v1/calls/batch/" + id, t.keyB),
            t.get("/v1/calls/batch/" + id + "/calls", t.keyB),
            t.post("/v1/calls/batch/" + id + "/launch", t.keyB),
            t.post("/v1/calls/batch/" + id + "/pause", t.keyB),
            t.post("/v1/calls/batch/" + id + "/resume", t.keyB),
            t.post("/v1/calls/batch/" + id + "/cancel", t.keyB));

    for (HttpResponse<String> answer : answers) {
      assertEquals(404, answer.statusCode(), answer.body());
      assertEquals(missing.replace("batchcall_0000000000000000", id), Json.of(answer).toString());
    }
    assertEquals(
        "scheduled", Json.of(t.get("/v1/calls/batch/" + id, t.keyA)).get("status").asText());
  }
}
