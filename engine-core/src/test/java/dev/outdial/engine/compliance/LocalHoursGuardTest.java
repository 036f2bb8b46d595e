package dev.outdial.engine.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: with {@code recipient_local_hours}, a call starts only inside the allowed hours of
 * every zone of the recipient's number, the first instant they open, whatever the campaign's zone.
 */
class LocalHoursGuardTest {
  private static final String KEY = "key_a";
  // Tuesday 16 June 2026, 08:30 in New York, 06:30 in Boise, 05:30 in Los Angeles.
  private static final Instant START = Instant.parse("2026-06-16T12:30:00Z");
  private static final String NEW_JERSEY = "+12015550123";
  private static final String IDAHO = "+12085550123"; // Boise and Los Angeles
  private static final String TOLL_FREE = "+18005550123";
  private static final String LONDON = "+442071234567";

  private final SettableClock clock = new SettableClock(START);
  private final ScriptedDialer dialer =
      ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(10)));

  private OutdialEngine engine(MemoryStore store, LocalHoursPolicy keyDefault) {
    OutdialEngine.Builder builder =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(10, 100.0, 10))
            .localHoursDefault(key -> keyDefault);
    return store == null ? builder.build() : builder.store(store).build();
  }

  private static BatchCampaignRequest request(String policy) {
    return BatchCampaignRequest.builder()
        .agentId(SeedRequests.AGENT_ID)
        .prompt("Remind the patient of tomorrow's check-up.")
        .timezone("America/New_York")
        .recipients(
            List.of(
                Recipient.of(NEW_JERSEY),
                Recipient.of(IDAHO),
                Recipient.of(TOLL_FREE),
                Recipient.of(LONDON)))
        .recipientLocalHours(policy)
        .build();
  }

  private Map<String, Instant> dialledAt() {
    return dialer.dialed().stream()
        .collect(java.util.stream.Collectors.toMap(d -> d.call().to(), ScriptedDialer.Dialed::at));
  }

  @Test
  void a_number_is_called_only_once_its_hours_are_open_in_every_one_of_its_zones() {
    OutdialEngine engine = engine(null, LocalHoursPolicy.OFF);
    String id = engine.create(KEY, request("skip_unknown")).campaignId();
    engine.runDue();

    assertEquals(Map.of(NEW_JERSEY, START, LONDON, START), dialledAt());
    clock.advance(Duration.ofSeconds(10));
    dialer.reportDue();
    engine.runDue();
    Instant losAngelesEight = Instant.parse("2026-06-16T15:00:00Z");
    assertEquals(losAngelesEight, engine.nextDeadline().orElseThrow());

    clock.set(losAngelesEight);
    engine.runDue();

    assertEquals(losAngelesEight, dialledAt().get(IDAHO));
    assertEquals(3, dialer.dialed().size());
  }

  @Test
  void a_number_in_no_known_zone_is_skipped_with_its_reason_under_skip_unknown() {
    OutdialEngine engine = engine(null, LocalHoursPolicy.OFF);
    String id = engine.create(KEY, request("skip_unknown")).campaignId();
    engine.runDue();

    CallView tollFree = engine.calls(KEY, id, 0, 10).calls().get(2);
    assertEquals(EndedReason.SKIPPED, tollFree.endedReason());
    assertNull(tollFree.startedAt());
    assertTrue(tollFree.detail().startsWith("recipient_zone_country_wide"), tollFree.detail());
  }

  @Test
  void under_campaign_zone_for_unknown_a_number_in_no_known_zone_keeps_the_campaigns_zone() {
    OutdialEngine engine = engine(null, LocalHoursPolicy.OFF);
    engine.create(KEY, request("campaign_zone_for_unknown"));
    engine.runDue();

    assertEquals(START, dialledAt().get(TOLL_FREE)); // 08:30 in New York: open
  }

  @Test
  void a_keys_default_applies_to_a_request_that_does_not_say_and_off_is_the_seeds_behaviour() {
    OutdialEngine guarded = engine(null, LocalHoursPolicy.SKIP_UNKNOWN);
    guarded.create(KEY, request(null));
    guarded.runDue();
    assertEquals(2, dialer.dialed().size()); // Idaho waits, toll-free is skipped

    OutdialEngine seed = engine(null, LocalHoursPolicy.SKIP_UNKNOWN);
    seed.create(KEY, request("off"));
    seed.runDue();
    assertEquals(6, dialer.dialed().size(), "off: every number at once, as the seed does");
  }

  @Test
  void an_unknown_policy_is_an_invalid_field_naming_the_choices() {
    OutdialEngine engine = engine(null, LocalHoursPolicy.OFF);
    RejectedException rejected =
        assertThrows(RejectedException.class, () -> engine.create(KEY, request("always")));

    assertEquals(ErrorCode.INVALID_FIELD, rejected.code());
    assertEquals("recipient_local_hours", rejected.rejection().problems().get(0).field());
    assertTrue(rejected.getMessage().contains("skip_unknown"), rejected.getMessage());
  }

  @Test
  void the_guard_holds_after_a_restart() {
    MemoryStore store = new MemoryStore();
    OutdialEngine first = engine(store, LocalHoursPolicy.OFF);
    first.create(KEY, request("skip_unknown"));
    first.runDue();
    clock.set(Instant.parse("2026-06-16T13:00:00Z"));

    OutdialEngine second = engine(store, LocalHoursPolicy.OFF);
    second.runDue();
    assertEquals(
        2, dialer.dialed().size(), "Idaho still waits for 08:00 in Los Angeles: " + dialledAt());

    clock.set(Instant.parse("2026-06-16T15:00:00Z"));
    second.runDue();
    assertEquals(Instant.parse("2026-06-16T15:00:00Z"), dialledAt().get(IDAHO));
  }
}
