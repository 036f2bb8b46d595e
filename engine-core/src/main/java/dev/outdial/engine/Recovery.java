package dev.outdial.engine;

import java.time.Duration;

/**
 * What a durable engine brought back from its store when it started (all zero for an in-memory
 * engine, or an empty store).
 *
 * @param store what the store is ({@link dev.outdial.engine.store.CampaignStore#describe}), or
 *     {@code memory}
 * @param campaigns campaigns brought back not yet finished
 * @param finished finished campaigns kept in the store (read from it on demand)
 * @param recipientsWaiting recipients not yet dialled
 * @param callsEnded calls in doubt the dialer found ended
 * @param callsAdopted calls in doubt the dialer found still in progress: adopted, ending later
 * @param callsUnknown calls in doubt the dialer could not tell: ended {@code error}
 * @param took how long recovery took: reading the store, rebuilding the campaigns and reconciling
 *     calls in doubt
 */
public record Recovery(
    String store,
    int campaigns,
    int finished,
    long recipientsWaiting,
    int callsEnded,
    int callsAdopted,
    int callsUnknown,
    Duration took) {

  /** An in-memory engine's. */
  public static final Recovery NONE = new Recovery("memory", 0, 0, 0, 0, 0, 0, Duration.ZERO);

  /** Calls in doubt reconciled, whatever their fate. */
  public int callsReconciled() {
    return callsEnded + callsAdopted + callsUnknown;
  }
}
