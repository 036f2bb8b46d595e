package dev.outdial.engine.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.SuppressionList;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, the guard at its edges: host code between judging and dialling, a crash between a
 * create and its skips, a call not placed after its lane closed.
 */
class LocalHoursEdgeTest {
  private static final String KEY = "key_a";
  private static final String IDAHO = "+12085550123"; // Boise and Los Angeles: 15:00Z to 03:00Z
  private static final String VANCOUVER = "+16045550123"; // Canada: weekends 10:00-18:00
  private static final String TOLL_FREE = "+18005550123";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-16T12:30:00Z"));
  private final ScriptedDialer dialer =
      ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(10)));

  private OutdialEngine engine(MemoryStore store, SuppressionList suppression) {
    OutdialEngine.Builder builder =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(10, 100.0, 10))
            .suppression(suppression);
    return store == null ? builder.build() : builder.store(store).build();
  }

  private static BatchCampaignRequest guarded(String... phones) {
    return BatchCampaignRequest.builder()
        .agentId(SeedRequests.AGENT_ID)
        .prompt("Remind the patient of tomorrow's check-up.")
        .timezone("America/New_York")
        .recipients(java.util.Arrays.stream(phones).map(Recipient::of).toList())
        .recipientLocalHours("skip_unknown")
        .build();
  }

  @Test
  void a_slow_suppression_list_cannot_make_a_call_start_after_its_recipients_hours_close() {
    Instant idahoCloses = Instant.parse("2026-06-17T03:00:00Z"); // 21:00 in Boise
    clock.set(idahoCloses.minusSeconds(1));
    SuppressionList slow =
        (key, phone) -> {
          clock.advance(Duration.ofSeconds(2)); // a look-up in a remote do-not-call list
          return false;
        };
    OutdialEngine engine = engine(null, slow);
    engine.create(KEY, guarded(IDAHO));
    engine.runDue();

    assertEquals(
        List.of(),
        dialer.dialed().stream().map(ScriptedDialer.Dialed::at).toList(),
        "no call may start at or after 21:00 in Boise");
  }

  @Test
  void a_slow_suppression_list_cannot_make_a_call_start_after_the_campaigns_window_closes() {
    clock.set(Instant.parse("2026-06-16T20:59:59Z")); // 16:59:59 in New York
    SuppressionList slow =
        (key, phone) -> {
          clock.advance(Duration.ofSeconds(2));
          return false;
        };
    OutdialEngine engine = engine(null, slow);
    engine.create(
        KEY,
        BatchCampaignRequest.builder()
            .agentId(SeedRequests.AGENT_ID)
            .prompt("Remind the patient of tomorrow's check-up.")
            .timezone("America/New_York")
            .window(9 * 60, 17 * 60)
            .recipients(List.of(Recipient.of("+12015550123")))
            .build());
    engine.runDue();

    assertEquals(List.of(), dialer.dialed(), "no call may start at or after 17:00 in New York");
  }

  @Test
  void a_recipient_whose_skip_was_not_committed_before_a_crash_is_skipped_after_the_restart() {
    MemoryStore store = new MemoryStore();
    OutdialEngine first = engine(store, SuppressionList.none());
    String id = first.create(KEY, guarded(TOLL_FREE, IDAHO)).campaignId();
    // The engine stops before its next pass commits the toll-free number's skip.

    clock.set(Instant.parse("2026-06-16T15:00:00Z")); // Idaho opens
    OutdialEngine second = engine(store, SuppressionList.none());
    second.runDue();
    clock.advance(Duration.ofSeconds(10));
    dialer.reportDue();
    second.runDue();

    CallView tollFree = second.calls(KEY, id, 0, 10).calls().get(0);
    assertEquals(EndedReason.SKIPPED, tollFree.endedReason());
    assertNull(tollFree.startedAt());
    assertEquals(CampaignStatus.COMPLETED, second.campaign(KEY, id).status());
  }

  @Test
  void a_call_not_placed_after_its_lane_closed_is_dialled_when_that_lane_next_opens() {
    // Saturday 19:59:50 in Vancouver (closed since 18:00), 20:59:50 in Boise (open until 21:00).
    clock.set(Instant.parse("2026-06-21T02:59:50Z"));
    OutdialEngine engine = engine(null, SuppressionList.none());
    engine.create(KEY, guarded(IDAHO, VANCOUVER));
    engine.runDue();
    assertEquals(1, dialer.dialed().size());

    clock.set(Instant.parse("2026-06-21T03:00:30Z")); // Boise closed
    ScriptedDialer.Dialed idaho = dialer.dialed().get(0);
    idaho.ends().notPlaced(idaho.call().callId(), "no trunk free");
    idaho.ends().dialerAvailable();
    engine.runDue();

    Instant idahoOpens = Instant.parse("2026-06-21T15:00:00Z"); // Sunday 08:00 in Los Angeles
    assertEquals(idahoOpens, engine.nextDeadline().orElseThrow());
    clock.set(idahoOpens);
    engine.runDue();
    assertEquals(2, dialer.dialed().size());
    assertEquals(IDAHO, dialer.dialed().get(1).call().to());
  }

  // The TCPA's hours (47 CFR 64.1200(c)(1)) apply in the "United States" of the Communications Act,
  // which counts the territories (47 U.S.C. 153); libphonenumber gives Puerto Rico, Guam, the US
  // Virgin Islands, American Samoa and the Northern Mariana Islands region codes of their own, so
  // hours-v2.rules names each.
  @Test
  void a_puerto_rico_number_is_not_called_at_night_under_the_federal_hours() {
    clock.set(Instant.parse("2026-06-17T07:00:00Z")); // 03:00 in San Juan
    OutdialEngine engine = engine(null, SuppressionList.none());
    engine.create(KEY, guarded("+17875550123"));
    engine.runDue();

    assertEquals(List.of(), dialer.dialed(), "03:00 in Puerto Rico is outside 08:00-21:00");
    clock.set(Instant.parse("2026-06-17T12:00:00Z")); // 08:00 in San Juan
    engine.runDue();
    assertEquals(1, dialer.dialed().size());
  }
}
