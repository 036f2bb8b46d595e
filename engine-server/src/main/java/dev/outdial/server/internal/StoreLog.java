package dev.outdial.server.internal;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.Recovery;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server logs about its store: at start, the store and what the engine brought back from
 * it; at stop, the campaigns still open and whether they are kept.
 */
public final class StoreLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.outdial.server.OutdialServer");

  private StoreLog() {}

  /** The start-up lines: the store, then what was recovered from it. */
  public static void started(Recovery recovery, boolean durable) {
    if (!durable) {
      LOG.info(
          "store: memory; campaigns are lost when the server stops (set \"store\" in the"
              + " configuration to keep them)");
      return;
    }
    LOG.info("store: {}", recovery.store());
    LOG.info(
        "recovered {} open campaign(s) with {} recipient(s) waiting, {} finished campaign(s)"
            + " kept; {} call(s) in doubt reconciled: {} ended, {} still in progress (adopted),"
            + " {} unknown (ended error); took {} ms",
        recovery.campaigns(),
        recovery.recipientsWaiting(),
        recovery.finished(),
        recovery.callsReconciled(),
        recovery.callsEnded(),
        recovery.callsAdopted(),
        recovery.callsUnknown(),
        recovery.took().toMillis());
  }

  /** The campaigns still open as the server stops: kept by a durable store, else lost. */
  public static void stopping(List<CampaignView> open, boolean durable) {
    if (open.isEmpty()) {
      LOG.info("no campaign is open");
      return;
    }
    if (durable) {
      LOG.info(
          "{} campaign(s) still open are kept in the store and resume at the next start;"
              + " calls in progress then are reconciled",
          open.size());
      return;
    }
    LOG.warn("{} campaign(s) still open at shutdown are lost (store: memory):", open.size());
    for (CampaignView c : open) {
      LOG.warn(
          "  {} {} calls={} by status {}",
          c.campaignId(),
          c.status().wire(),
          c.totalCalls(),
          wire(c.callsByStatus()));
    }
  }

  private static String wire(Map<CallStatus, Integer> counts) {
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (status, n) ->
            text.append(text.length() == 0 ? "" : ", ")
                .append(status.wire())
                .append('=')
                .append(n));
    return text.toString();
  }
}
