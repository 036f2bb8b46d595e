package dev.outdial.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine commits its state. The engine is its only writer: it calls every method from its
 * owner thread, one call at a time, so an implementation needs no locking of its own beyond what
 * its database needs.
 *
 * <p>The engine's promises rest on three of the store's:
 *
 * <ul>
 *   <li>{@link #commit} is atomic and durable: when it returns, every change it was given survives
 *       a crash of the process and of the machine; when it throws, either all of them were
 *       committed or none was.
 *   <li>Changes are applied in the order given, and applying a change again that was already
 *       applied leaves the same state (the engine retries a batch whose commit failed, and a
 *       failure reported after the commit made it durable is indistinguishable from one before).
 *   <li>{@link #load} returns exactly what was committed.
 * </ul>
 */
public interface CampaignStore extends AutoCloseable {

  /**
   * Everything committed that the engine needs to resume: its identity, its counters, every
   * campaign not yet finished with its recipients, and a summary of the finished ones kept.
   *
   * @throws StoreException if the store cannot be read
   */
  StoredEngine load();

  /**
   * Commits {@code changes} in one transaction, in order; returns once they are durable.
   *
   * @throws StoreException if they may not have been committed (the engine treats them as not
   *     acknowledged and retries them)
   */
  void commit(List<StoreChange> changes);

  /** A finished campaign with its recipients (finished campaigns are not held in memory). */
  Optional<StoredCampaign> campaign(String campaignId);

  /**
   * Every call in the attempt log that started at or after {@code since}, across all campaigns,
   * those dropped included (per-number attempt caps count them after a restart).
   *
   * @throws StoreException if the store cannot be read
   */
  List<StoredAttempt> attemptsSince(Instant since);

  /** The answer first given to a create under {@code idempotencyKey} by {@code keyId}, if kept. */
  Optional<StoredAnswer> answer(String keyId, String idempotencyKey);

  /** Human-readable: what the store is (for start-up logs), never with a password. */
  String describe();

  /** Releases its connections. */
  @Override
  void close();
}
