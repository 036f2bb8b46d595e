package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.RawHttp;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the server takes in and holds is bounded by {@code capacity}: recipients of campaigns not
 * final per key and in total (429 {@code capacity_exceeded} naming the limit), and create bodies
 * read and parsed at once (503 {@code server_busy} with {@code Retry-After}). Refusals create
 * nothing and drop nothing already accepted; finished campaigns give their room back.
 */
class CapacityLimitsTest {
  private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");

  private static String scheduled(int recipients) {
    return "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
        + " \"schedule\", \"scheduled_date\": \"2099-01-01\", \"recipients\": ["
        + IntStream.range(0, recipients)
            .mapToObj(i -> String.format("{\"phone\": \"+4471110%05d\"}", i))
            .collect(Collectors.joining(", "))
        + "]}";
  }

  private static TestServer server(ServerConfig.Capacity capacity) {
    return server(new SettableClock(NOW), EngineListener.none(), capacity);
  }

  private static TestServer server(
      java.time.InstantSource clock, EngineListener listener, ServerConfig.Capacity capacity) {
    return TestServer.start(clock, listener, c -> c.withCapacity(capacity));
  }

  private static String id(HttpResponse<String> created) {
    assertEquals(201, created.statusCode(), created.body());
    return Json.of(created).get("campaign_id").asText();
  }

  private static void assertRefused(HttpResponse<String> answer, String limit) {
    assertEquals(429, answer.statusCode(), answer.body());
    JsonNode json = Json.of(answer);
    assertEquals("capacity_exceeded", json.get("error").asText(), answer.body());
    assertEquals(limit, json.get("reason").asText(), answer.body());
    assertTrue(json.get("message").asText().contains(limit), answer.body());
  }

  @Test
  void a_create_over_the_keys_recipient_limit_is_429_naming_it_and_creates_nothing() {
    try (TestServer t = server(new ServerConfig.Capacity(null, null, 100L, 5L))) {
      id(t.post("/v1/calls/batch", t.keyA, scheduled(3)));

      HttpResponse<String> refused = t.post("/v1/calls/batch", t.keyA, scheduled(3));

      assertRefused(refused, "max_recipients_per_key");
      assertEquals(1, t.server.engine().openCampaigns().size(), "the refusal created nothing");
      id(t.post("/v1/calls/batch", t.keyA, scheduled(2))); // exactly up to the limit
      id(t.post("/v1/calls/batch", t.keyB, scheduled(5))); // another key has its own room
    }
  }

  @Test
  void a_create_over_the_servers_recipient_limit_is_429_naming_it_whichever_key_holds_them() {
    try (TestServer t = server(new ServerConfig.Capacity(null, null, 6L, 5L))) {
      id(t.post("/v1/calls/batch", t.keyA, scheduled(4)));

      HttpResponse<String> refused = t.post("/v1/calls/batch", t.keyB, scheduled(3));

      assertRefused(refused, "max_recipients");
      assertEquals(1, t.server.engine().openCampaigns().size());
    }
  }

  @Test
  void a_cancelled_campaign_gives_its_recipients_back() {
    try (TestServer t = server(new ServerConfig.Capacity(null, null, 100L, 5L))) {
      String first = id(t.post("/v1/calls/batch", t.keyA, scheduled(4)));
      assertRefused(t.post("/v1/calls/batch", t.keyA, scheduled(4)), "max_recipients_per_key");

      assertEquals(200, t.post("/v1/calls/batch/" + first + "/cancel", t.keyA).statusCode());

      id(t.post("/v1/calls/batch", t.keyA, scheduled(4)));
    }
  }

  @Test
  void a_completed_campaign_gives_its_recipients_back() throws Exception {
    CompletableFuture<String> completed = new CompletableFuture<>();
    EngineListener listener =
        new EngineListener() {
          @Override
          public void onCampaign(CampaignEvent event) {
            if (event.status() == CampaignStatus.COMPLETED) {
              completed.complete(event.campaignId());
            }
          }
        };
    try (TestServer t =
        server(Clock.systemUTC(), listener, new ServerConfig.Capacity(null, null, 100L, 3L))) {
      String now =
          "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"recipients\":"
              + " [{\"phone\": \"+447111000001\"}, {\"phone\": \"+447111000002\"}]}";
      String first = id(t.post("/v1/calls/batch", t.keyA, now));

      assertEquals(first, completed.get(30, TimeUnit.SECONDS));

      id(t.post("/v1/calls/batch", t.keyA, scheduled(3)));
    }
  }

  @Test
  void only_valid_recipients_are_held_after_the_create() {
    try (TestServer t = server(new ServerConfig.Capacity(null, null, 100L, 3L))) {
      String withDuplicates =
          "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
              + " \"schedule\", \"scheduled_date\": \"2099-01-01\", \"recipients\":"
              + " [{\"phone\": \"+447111000001\"}, {\"phone\": \"+447111000001\"},"
              + " {\"phone\": \"+447111000001\"}]}";
      id(t.post("/v1/calls/batch", t.keyA, withDuplicates));

      id(t.post("/v1/calls/batch", t.keyA, scheduled(2)));
    }
  }

  @Test
  void a_create_that_finds_no_room_for_its_body_is_503_with_retry_after_and_is_not_lost_later() {
    try (TestServer t = server(new ServerConfig.Capacity(1024L, 0, null, null));
        RawHttp holder = new RawHttp(t)) {
      String body = scheduled(1);
      // This create takes all the room (it declares 1024 bytes) and sends its body slowly.
      String padded = body + " ".repeat(1024 - body.length());
      holder.send(
          "POST /v1/calls/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + t.keyA.token()
              + "\r\nContent-Type: application/json\r\nContent-Length: 1024\r\n\r\n"
              + padded.substring(0, 10));

      // Until the holder's handler has reserved its room, a probe that creates nothing (an empty
      // object, refused by the checks) is read and refused 400; once it has, the probe is 503.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      HttpResponse<String> probe = t.post("/v1/calls/batch", t.keyB, "{}");
      while (probe.statusCode() != 503 && System.nanoTime() < deadline) {
        assertEquals(400, probe.statusCode(), probe.body());
        probe = t.post("/v1/calls/batch", t.keyB, "{}");
      }
      assertEquals(503, probe.statusCode(), "the holder never took the room: " + probe.body());

      HttpResponse<String> busy = t.post("/v1/calls/batch", t.keyB, body);
      assertEquals(503, busy.statusCode(), busy.body());
      assertEquals("2", busy.headers().firstValue("Retry-After").orElse(""));
      JsonNode json = Json.of(busy);
      assertEquals("server_busy", json.get("error").asText());
      assertEquals("max_body_bytes_in_flight", json.get("reason").asText());
      holder.send(padded.substring(10));
      assertTrue(holder.readAnswer().startsWith("HTTP/1.1 201"), "the holder's create is made");
      assertEquals(201, t.post("/v1/calls/batch", t.keyB, body).statusCode(), "room again");
    }
  }

  @Test
  void a_body_larger_than_all_the_room_for_bodies_is_413() {
    try (TestServer t = server(new ServerConfig.Capacity(1024L, null, null, null))) {
      HttpResponse<String> answer = t.post("/v1/calls/batch", t.keyA, scheduled(60));

      assertEquals(413, answer.statusCode(), answer.body());
      assertEquals("payload_too_large", Json.of(answer).get("error").asText());
    }
  }
}
