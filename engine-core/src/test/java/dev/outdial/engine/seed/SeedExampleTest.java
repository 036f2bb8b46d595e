package dev.outdial.engine.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.TimezoneSource;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.support.TestEngine;
import dev.outdial.engine.testkit.ScriptedDialer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Acceptance 1: the seed's example body, end to end. */
class SeedExampleTest {
  private static final Instant BEFORE = Instant.parse("2026-06-10T12:00:00Z");
  private static final Instant FIRES_AT = Instant.parse("2026-06-15T08:00:00Z");

  @Test
  void seed_json_maps_onto_the_request_field_by_field() {
    JsonNode json = SeedRequests.json();
    BatchCampaignRequest request = SeedRequests.request();

    assertEquals(json.get("agent_id").asText(), request.agentId());
    assertEquals(json.get("from_number").asText(), request.fromNumber());
    assertEquals(json.get("name").asText(), request.name());
    assertEquals(json.get("prompt").asText(), request.prompt());
    assertEquals(json.get("timezone").asText(), request.timezone());
    assertEquals(json.get("schedule_type").asText(), request.scheduleType());
    assertEquals(json.get("scheduled_date").asText(), request.scheduledDate());
    assertEquals(json.get("window_start_minutes").asInt(), request.windowStartMinutes());
    assertEquals(json.get("window_end_minutes").asInt(), request.windowEndMinutes());
    assertEquals(List.of("mon", "tue", "wed", "thu", "fri"), request.windowDays());
    assertEquals(3, request.recipients().size());
    assertEquals("+447111000002", request.recipients().get(1).phone());
    assertEquals(Map.of("patient_name", "John"), request.recipients().get(1).variables());
  }

  @Test
  void seed_example_is_scheduled_with_three_valid_recipients_firing_at_0900_london_summer_time() {
    TestEngine t = TestEngine.at(BEFORE);

    CampaignCreated created = t.engine.create("key_a", SeedRequests.request());

    assertTrue(created.campaignId().matches("batchcall_[0-9a-f]{16}"), created.campaignId());
    assertEquals(CampaignStatus.SCHEDULED, created.status());
    assertEquals(3, created.validCount());
    assertEquals(0, created.invalidCount());
    assertEquals(List.of(), created.invalid());
    assertEquals(0, created.duplicateCount());
    assertEquals(ZoneId.of("Europe/London"), created.timezone());
    assertEquals(TimezoneSource.CAMPAIGN, created.timezoneSource());
    assertEquals(FIRES_AT, created.firesAt());
  }

  @Test
  void seed_example_dials_nothing_a_second_before_and_first_dials_at_the_firing_instant() {
    TestEngine t = TestEngine.at(BEFORE);
    String id = t.engine.create("key_a", SeedRequests.request()).campaignId();

    t.simulation.runUntil(FIRES_AT.minusSeconds(1));
    assertEquals(List.of(), t.dialer.dialed());
    assertEquals(CampaignStatus.SCHEDULED, t.engine.campaign("key_a", id).status());

    t.simulation.runUntil(FIRES_AT);
    List<ScriptedDialer.Dialed> dialed = t.dialer.dialed();
    assertEquals(1, dialed.size(), "burst 1: one call at the firing instant");
    assertEquals(FIRES_AT, dialed.get(0).at());
    assertEquals("+447111000001", dialed.get(0).call().to());
    assertEquals(SeedRequests.FROM_NUMBER, dialed.get(0).call().from());
    assertEquals(CampaignStatus.RUNNING, t.engine.campaign("key_a", id).status());
  }

  @Test
  void seed_example_calls_every_recipient_once_with_prompt_and_variables_then_completes() {
    TestEngine t = TestEngine.at(BEFORE);
    BatchCampaignRequest request = SeedRequests.request();
    String id = t.engine.create("key_a", request).campaignId();

    t.simulation.runUntilIdle(FIRES_AT.plusSeconds(3600));

    List<ScriptedDialer.Dialed> dialed = t.dialer.dialed();
    assertEquals(
        List.of("+447111000001", "+447111000002", "+447111000003"),
        dialed.stream().map(d -> d.call().to()).toList());
    assertEquals(FIRES_AT.plusSeconds(1), dialed.get(1).at(), "1 call/s: second a second later");
    assertEquals(Map.of("patient_name", "John"), dialed.get(1).call().variables());
    assertEquals(Map.of(), dialed.get(0).call().variables());
    assertTrue(dialed.stream().allMatch(d -> d.call().prompt().equals(request.prompt())));
    assertEquals(3, dialed.stream().map(d -> d.call().callId()).distinct().count());
    assertEquals(CampaignStatus.COMPLETED, t.engine.campaign("key_a", id).status());
    assertNull(t.engine.campaign("key_a", id).nextWindowOpening());
  }
}
