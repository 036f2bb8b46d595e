package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue acceptance 2: a {@code now} campaign with the simulated dialer runs to completed. */
class NowCampaignRunsToCompletionTest {

  @Test
  void now_campaign_runs_to_completed_with_one_ended_call_per_recipient() throws Exception {
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
    try (TestServer t = TestServer.start(Clock.systemUTC(), listener, c -> c)) {
      String body =
          """
          {"agent_id": "agent_125207e452f8714a", "prompt": "Remind them of the check-up.",
           "recipients": [{"phone": "+447111000001"}, {"phone": "+447111000002"},
                          {"phone": "+447111000003"}, {"phone": "+447111000004"}]}
          """;
      JsonNode created = Json.of(t.post("/v1/calls/batch", t.keyA, body));
      String id = created.get("campaign_id").asText();
      assertEquals("running", created.get("status").asText());

      assertEquals(id, completed.get(30, TimeUnit.SECONDS));

      JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
      assertEquals("completed", campaign.get("status").asText());
      assertEquals(4, campaign.get("calls_by_status").get("ended").asInt());
      JsonNode page = Json.of(t.get("/v1/calls/batch/" + id + "/calls", t.keyA));
      assertEquals(4, page.get("total").asInt());
      Set<String> phones = new HashSet<>();
      for (JsonNode call : page.get("calls")) {
        assertTrue(call.get("call_id").asText().matches("call_[0-9a-f]{16}"), call.toString());
        assertEquals("ended", call.get("status").asText());
        assertTrue(
            Set.of("completed", "busy", "no_answer").contains(call.get("ended_reason").asText()),
            call.toString());
        assertTrue(call.hasNonNull("started_at") && call.hasNonNull("ended_at"), call.toString());
        phones.add(call.get("phone").asText());
      }
      assertEquals(
          Set.of("+447111000001", "+447111000002", "+447111000003", "+447111000004"), phones);
    }
  }

  @Test
  void calls_list_pages_with_offset_and_limit() throws Exception {
    try (TestServer t = TestServer.start(Clock.systemUTC())) {
      String body =
          """
          {"agent_id": "agent_125207e452f8714a", "prompt": "p", "schedule_type": "schedule",
           "scheduled_date": "2099-01-01",
           "recipients": [{"phone": "+447111000001"}, {"phone": "+447111000002"},
                          {"phone": "+447111000003"}]}
          """;
      String id = Json.of(t.post("/v1/calls/batch", t.keyA, body)).get("campaign_id").asText();

      JsonNode first = Json.of(t.get("/v1/calls/batch/" + id + "/calls?limit=2", t.keyA));
      JsonNode second = Json.of(t.get("/v1/calls/batch/" + id + "/calls?offset=2&limit=2", t.keyA));

      assertEquals(2, first.get("calls").size());
      assertEquals(2, first.get("next_offset").asInt());
      assertEquals("+447111000003", second.get("calls").get(0).get("phone").asText());
      assertTrue(second.get("next_offset").isNull());
      assertEquals("queued", second.get("calls").get(0).get("status").asText());
    }
  }
}
