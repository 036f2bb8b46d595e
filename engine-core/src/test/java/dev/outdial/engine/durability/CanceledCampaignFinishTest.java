package dev.outdial.engine.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A canceled campaign finishes once none of its calls is in progress, whatever the order of the
 * cancel, the calls' fates and crashes: otherwise it stays in memory and open in the store forever
 * (never finished, never dropped after its retention).
 */
class CanceledCampaignFinishTest {
  private static final String KEY = "key_a";
  private static final Instant START = Instant.parse("2026-06-15T09:00:00Z");

  private final SettableClock clock = new SettableClock(START);
  private final MemoryStore store = new MemoryStore();
  private final Provider provider = new Provider();

  private OutdialEngine engine(int maxConcurrent, EngineListener listener) {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(provider.dialer())
        .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
        .defaultLimits(new KeyLimits(maxConcurrent, 100.0, 10))
        .listener(listener)
        .store(store)
        .build();
  }

  private OutdialEngine engine(int maxConcurrent) {
    return engine(maxConcurrent, EngineListener.none());
  }

  private static BatchCampaignRequest now(int first, int count) {
    return Requests.now(0).recipients(Requests.recipients(first, count)).build();
  }

  private boolean finishedInStore(String campaignId) {
    StoredEngine loaded = store.load();
    return loaded.finished().stream().anyMatch(f -> f.id().equals(campaignId))
        && loaded.open().stream().noneMatch(c -> c.id().equals(campaignId));
  }

  @Test
  void a_canceled_campaign_whose_finish_was_not_committed_before_a_crash_finishes_after_restart() {
    OutdialEngine first = engine(1);
    String id = first.create(KEY, now(0, 3)).campaignId();
    first.cancel(KEY, id); // committed at once; its Finished waits for the pass, which never comes

    OutdialEngine second = engine(1); // crash
    second.runDue();

    assertTrue(finishedInStore(id), "committed finished after the restart");
    clock.advance(Duration.ofHours(25));
    second.runDue();
    assertTrue(store.campaign(id).isEmpty(), "dropped once its retention has passed");
  }

  @Test
  void a_call_of_a_canceled_campaign_that_was_not_placed_ends_and_the_campaign_finishes() {
    OutdialEngine engine = engine(1);
    String id = engine.create(KEY, now(0, 2)).campaignId();
    engine.runDue();
    String callId = provider.created.get(0).callId();
    engine.cancel(KEY, id);

    // The dialer's request to create the call was refused before it was sent.
    provider.up.remove(callId).ends().notPlaced(callId, "provider unreachable");
    engine.runDue();

    CallView call = engine.call(KEY, callId);
    assertEquals(CallStatus.ENDED, call.status());
    assertEquals(EndedReason.CANCELED, call.endedReason());
    assertTrue(finishedInStore(id), "the canceled campaign finished");
    OutdialEngine restarted = engine(1);
    restarted.runDue();
    assertEquals(1, provider.created.size(), "nobody dialled after the cancel");
    assertEquals(CampaignStatus.CANCELED, restarted.campaign(KEY, id).status());
    assertTrue(restarted.openCampaigns().isEmpty());
  }

  @Test
  void a_campaign_canceled_by_the_listener_mid_pass_leaves_no_planned_call_queued() {
    AtomicReference<OutdialEngine> engine = new AtomicReference<>();
    AtomicReference<String> campaign = new AtomicReference<>();
    EngineListener cancelsAtFirstCall =
        new EngineListener() {
          @Override
          public void onCall(CallEvent event) {
            if (event.status() == CallStatus.IN_PROGRESS
                && engine.get().campaign(KEY, campaign.get()).status() == CampaignStatus.RUNNING) {
              engine.get().cancel(KEY, campaign.get());
            }
          }
        };
    engine.set(engine(3, cancelsAtFirstCall));
    campaign.set(engine.get().create(KEY, now(0, 3)).campaignId());

    engine.get().runDue();
    provider.endAll(EndedReason.COMPLETED, true);
    engine.get().runDue();

    assertEquals(1, provider.created.size(), "the calls planned after the cancel are not dialled");
    for (CallView call : engine.get().calls(KEY, campaign.get(), 0, 10).calls()) {
      assertEquals(CallStatus.ENDED, call.status(), call.toString());
    }
    assertTrue(finishedInStore(campaign.get()), "the canceled campaign finished");
  }
}
