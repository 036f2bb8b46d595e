package dev.outdial.server;

import static dev.outdial.server.SuppressionRoutesTest.delete;
import static dev.outdial.server.SuppressionRoutesTest.listed;
import static dev.outdial.server.SuppressionRoutesTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.server.support.HoldingDialer;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import dev.outdial.store.JdbcCampaignStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, acceptance 3, through the server: a number on the key's suppression list is never
 * dialled — also one added while its campaign runs, and after a restart on the same SQLite file —
 * and its call ends {@code suppressed}.
 */
class SuppressedNumbersAreNeverDialledTest {
  private static final String ONE = "+447111000001";
  private static final String TWO = "+447111000002";
  private static final String THREE = "+447111000003";
  private static final String BODY =
      """
      {"agent_id": "agent_125207e452f8714a", "prompt": "Remind them of the check-up.",
       "recipients": [{"phone": "+447111000001"}, {"phone": "+44 7111 000002"},
                      {"phone": "+447111000003"}]}
      """;

  @TempDir Path directory;

  private final HoldingDialer dialer = new HoldingDialer();
  private final CompletableFuture<String> completed = new CompletableFuture<>();
  private final EngineListener listener =
      new EngineListener() {
        @Override
        public void onCampaign(CampaignEvent event) {
          if (event.status() == CampaignStatus.COMPLETED) {
            completed.complete(event.campaignId());
          }
        }
      };

  /** One call at a time, so a test decides what happens between two dials. */
  private TestServer server(@Nullable CampaignStore store, @Nullable TestServer previous) {
    return TestServer.withDialer(
        Clock.systemUTC(),
        dialer,
        listener,
        c -> c.withDefaultLimits(new ServerConfig.Limits(1, 1000.0, 50)),
        store,
        previous);
  }

  private static String create(TestServer t) {
    JsonNode created = Json.of(t.post("/v1/calls/batch", t.keyA, BODY));
    assertEquals("running", created.get("status").asText(), created.toString());
    return created.get("campaign_id").asText();
  }

  private void assertSecondCallSuppressed(TestServer t, String id) throws Exception {
    assertEquals(id, completed.get(30, TimeUnit.SECONDS));
    JsonNode calls = Json.of(t.get("/v1/calls/batch/" + id + "/calls", t.keyA)).get("calls");
    JsonNode second = calls.get(1);
    assertEquals(TWO, second.get("phone").asText());
    assertEquals("ended", second.get("status").asText());
    assertEquals("suppressed", second.get("ended_reason").asText());
    assertTrue(second.get("started_at").isNull(), second.toString());
    JsonNode campaign = Json.of(t.get("/v1/calls/batch/" + id, t.keyA));
    assertEquals(1, campaign.get("calls_by_ended_reason").get("suppressed").asInt());
  }

  @Test
  void a_suppressed_second_recipient_is_never_dialled_and_its_call_ends_suppressed()
      throws Exception {
    try (TestServer t = server(null, null)) {
      assertEquals(201, put(t, TWO).statusCode());
      String id = create(t);

      dialer.next().end(EndedReason.COMPLETED);
      dialer.next().end(EndedReason.COMPLETED);

      assertSecondCallSuppressed(t, id);
      assertEquals(List.of(ONE, THREE), dialer.dialled());
    }
  }

  @Test
  void a_number_added_while_its_campaign_runs_is_not_dialled() throws Exception {
    try (TestServer t = server(null, null)) {
      String id = create(t);
      HoldingDialer.Held first = dialer.next(); // in progress: the key's one call at a time
      assertEquals(ONE, first.phone());

      assertEquals(201, put(t, TWO).statusCode());
      first.end(EndedReason.COMPLETED);
      HoldingDialer.Held next = dialer.next();

      assertEquals(THREE, next.phone());
      next.end(EndedReason.COMPLETED);
      assertSecondCallSuppressed(t, id);
      assertEquals(List.of(ONE, THREE), dialer.dialled());
    }
  }

  @Test
  void the_list_survives_a_restart_on_the_same_sqlite_file_and_still_keeps_the_number_uncalled()
      throws Exception {
    Path file = directory.resolve("outdial.db");
    TestServer before = server(JdbcCampaignStore.sqlite(file), null);
    try (before) {
      put(before, TWO);
      put(before, THREE);
      delete(before, THREE);
    }
    try (TestServer after = server(JdbcCampaignStore.sqlite(file), before)) {
      assertEquals(List.of(TWO), listed(after, after.keyA));
      String id = create(after);

      dialer.next().end(EndedReason.COMPLETED);
      dialer.next().end(EndedReason.COMPLETED);

      assertSecondCallSuppressed(after, id);
      assertEquals(List.of(ONE, THREE), dialer.dialled());
    }
  }
}
