package dev.outdial.engine.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.SuppressionList;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 14: a suppressed number is never dialled, including one added while its campaign runs. */
class SuppressionTest {
  private static final String KEY = "key_a";
  private static final Instant START = Instant.parse("2026-06-15T09:00:00Z");

  private final SettableClock clock = new SettableClock(START);
  private final ScriptedDialer dialer =
      ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(10)));
  private final Set<String> doNotCall = new HashSet<>();

  private OutdialEngine engine(SuppressionList list, MemoryStore store) {
    OutdialEngine.Builder builder =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(1, 100.0, 10))
            .suppression(list);
    return store == null ? builder.build() : builder.store(store).build();
  }

  private List<String> dialledNumbers() {
    return dialer.dialed().stream().map(d -> d.call().to()).toList();
  }

  @Test
  void a_suppressed_recipient_is_never_dialled_and_ends_suppressed_without_a_start() {
    doNotCall.add(Requests.phone(1));
    OutdialEngine engine = engine((key, phone) -> doNotCall.contains(phone), null);
    String id = engine.create(KEY, Requests.now(3).build()).campaignId();

    for (int i = 0; i < 5; i++) {
      engine.runDue();
      clock.advance(Duration.ofSeconds(11));
      dialer.reportDue();
    }
    engine.runDue();

    assertEquals(List.of(Requests.phone(0), Requests.phone(2)), dialledNumbers());
    CallView suppressed = engine.calls(KEY, id, 0, 10).calls().get(1);
    assertEquals(CallStatus.ENDED, suppressed.status());
    assertEquals(EndedReason.SUPPRESSED, suppressed.endedReason());
    assertNull(suppressed.startedAt());
    assertEquals("on a suppression list", suppressed.detail());
    CampaignView view = engine.campaign(KEY, id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(1, view.callsByEndedReason().get(EndedReason.SUPPRESSED));
  }

  @Test
  void a_number_suppressed_while_its_campaign_runs_is_not_dialled() {
    OutdialEngine engine = engine((key, phone) -> doNotCall.contains(phone), null);
    engine.create(KEY, Requests.now(3).build());
    engine.runDue(); // the first call starts; the others wait for its slot
    doNotCall.add(Requests.phone(1));
    doNotCall.add(Requests.phone(2));

    clock.advance(Duration.ofSeconds(11));
    dialer.reportDue();
    engine.runDue();

    assertEquals(List.of(Requests.phone(0)), dialledNumbers());
  }

  @Test
  void a_failing_suppression_list_dials_nobody_and_says_why() {
    OutdialEngine engine =
        engine(
            (key, phone) -> {
              throw new IllegalStateException("DNC service down");
            },
            null);
    String id = engine.create(KEY, Requests.now(2).build()).campaignId();
    engine.runDue();

    assertEquals(List.of(), dialledNumbers());
    CallView first = engine.calls(KEY, id, 0, 10).calls().get(0);
    assertEquals(EndedReason.SUPPRESSED, first.endedReason());
    assertTrue(first.detail().contains("DNC service down"), first.detail());
  }

  @Test
  void a_suppressed_end_survives_a_restart_and_the_recipient_is_not_dialled_after_it() {
    MemoryStore store = new MemoryStore();
    doNotCall.add(Requests.phone(0));
    OutdialEngine first = engine((key, phone) -> doNotCall.contains(phone), store);
    String id = first.create(KEY, Requests.now(2).build()).campaignId();
    first.runDue();

    OutdialEngine second = engine(SuppressionList.none(), store); // the list is gone, even
    second.runDue();

    CallView suppressed = second.calls(KEY, id, 0, 10).calls().get(0);
    assertEquals(EndedReason.SUPPRESSED, suppressed.endedReason());
    assertNull(suppressed.startedAt());
    assertEquals(List.of(Requests.phone(1)), dialledNumbers());
  }
}
