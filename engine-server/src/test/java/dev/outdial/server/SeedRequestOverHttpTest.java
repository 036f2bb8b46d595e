package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue acceptance 1: the seed's request body, byte for byte, over real HTTP. */
class SeedRequestOverHttpTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private static HttpResponse<String> postSeed(TestServer t) {
    return t.send(
        t.request("/v1/calls/batch")
            .header("Authorization", "Bearer " + t.keyA.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(TestServer.seedBody()))
            .build());
  }

  @Test
  void seed_request_before_its_date_is_201_scheduled_to_fire_at_nine_london_time() {
    SettableClock clock = new SettableClock(Instant.parse("2026-06-10T12:00:00Z"));
    try (TestServer t = TestServer.start(clock)) {
      HttpResponse<String> created = postSeed(t);

      assertEquals(201, created.statusCode(), created.body());
      JsonNode body = Json.of(created);
      String id = body.get("campaign_id").asText();
      assertTrue(id.matches("batchcall_[0-9a-f]{16}"), id);
      assertEquals("scheduled", body.get("status").asText());
      assertEquals(3, body.get("valid_count").asInt());
      assertEquals(0, body.get("invalid_count").asInt());
      assertEquals(0, body.get("invalid").size());
      assertEquals("Europe/London", body.get("timezone").asText());
      assertEquals("campaign", body.get("timezone_source").asText());
      assertEquals("2026-06-15T08:00:00.000Z", body.get("fires_at").asText());
      assertEquals(0, body.get("duplicate_count").asInt());
      assertEquals("/v1/calls/batch/" + id, created.headers().firstValue("Location").orElseThrow());

      JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      assertEquals("scheduled", campaign.get("status").asText());
      assertEquals("2026-06-15T08:00:00.000Z", campaign.get("fires_at").asText());
      assertEquals(3, campaign.get("total_calls").asInt());
      assertEquals(3, campaign.get("calls_by_status").get("queued").asInt());
      assertEquals(540, campaign.get("window").get("start_minutes").asInt());
      assertEquals(
          "[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]",
          campaign.get("window").get("days").toString());
    }
  }

  @Test
  void seed_request_on_the_real_clock_is_due_at_once_and_fires_at_the_next_window_opening() {
    try (TestServer t = TestServer.start(Clock.systemUTC())) {
      Instant before = Instant.now();
      JsonNode body = Json.of(postSeed(t));
      Instant after = Instant.now();

      Instant firesAt = Instant.parse(body.get("fires_at").asText());
      Instant earliest = firstOpenInstant(before);
      Instant latest = firstOpenInstant(after);
      assertFalse(firesAt.isBefore(earliest.minusSeconds(1)), firesAt + " < " + earliest);
      assertFalse(firesAt.isAfter(latest.plusSeconds(1)), firesAt + " > " + latest);
      String status = body.get("status").asText();
      if (firesAt.isAfter(after)) {
        assertEquals("scheduled", status);
      } else if (!firesAt.isAfter(before)) {
        assertEquals("running", status);
      } else { // the window opened while the request was in flight: either is right
        assertTrue(Set.of("scheduled", "running").contains(status), status);
      }
    }
  }

  /** The seed's window (09:00-18:00 London, Monday to Friday), by plain java.time. */
  private static Instant firstOpenInstant(Instant from) {
    ZonedDateTime t = from.atZone(LONDON);
    for (int day = 0; day < 8; day++) {
      ZonedDateTime date = t.toLocalDate().plusDays(day).atStartOfDay(LONDON);
      if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      ZonedDateTime open = date.with(LocalTime.of(9, 0));
      ZonedDateTime close = date.with(LocalTime.of(18, 0));
      if (!t.isBefore(close)) {
        continue;
      }
      return t.isAfter(open) ? from : open.toInstant();
    }
    throw new AssertionError("no opening within a week of " + from);
  }
}
