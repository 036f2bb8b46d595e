package dev.outdial.engine.durability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
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
}
