package dev.outdial.engine.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link CampaignStore#load} reads back.
 *
 * @param secret the engine's id secret (32 bytes), or {@code null} for an empty store: the engine
 *     then draws one and commits it ({@link StoreChange.Secret}) before anything else
 * @param nextCampaignCounter one past the highest campaign counter ever committed (0 when none)
 * @param nextCallCounter one past the highest call counter ever reserved (0 when none)
 * @param open every campaign not yet finished, in creation order, with its recipients
 * @param finished every finished campaign still kept, in creation order
 */
public record StoredEngine(
    byte @Nullable [] secret,
    long nextCampaignCounter,
    long nextCallCounter,
    List<StoredCampaign> open,
    List<Finished> finished) {

  /**
   * A finished campaign (completed or canceled, no call in progress): kept in the store only.
   *
   * @param id its id
   * @param counter its counter
   * @param keyId its API key
   * @param callBase its first call counter
   * @param callSpan how many call counters it holds from {@code callBase} ({@link
   *     StoredCampaign#callSpan()})
   * @param finishedAt when it finished (its retention counts from here)
   */
  public record Finished(
      String id, long counter, String keyId, long callBase, long callSpan, Instant finishedAt) {}
}
