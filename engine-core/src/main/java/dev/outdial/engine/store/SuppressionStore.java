package dev.outdial.engine.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Where a host keeps its per-key suppression lists (numbers that must never be called) across
 * restarts. The engine itself never calls it: a host (the standalone server) keeps the lists in
 * memory, answers the engine's {@link dev.outdial.engine.spi.SuppressionList} from there, writes
 * every change through this store before acknowledging it, and reads all lists back once at start.
 *
 * <p>Unlike {@link CampaignStore}, whose methods the engine calls from its owner thread only, these
 * methods are called from request threads, concurrently with each other and with the engine's
 * commits: an implementation that is also the engine's {@link CampaignStore} must be safe for that.
 * Phones are E.164 text ({@code +447111000001}), already checked and normalised by the caller.
 *
 * <ul>
 *   <li>{@link #suppress} and {@link #unsuppress} are durable when they return (like a {@link
 *       CampaignStore#commit}), atomic, and idempotent: adding a number already there or removing
 *       one that is not changes nothing and is not an error.
 *   <li>{@link #loadSuppressed} returns exactly what was committed.
 *   <li>Every failure is a {@link StoreException}; the change may or may not have been committed,
 *       so the caller acknowledges nothing and may retry.
 * </ul>
 */
public interface SuppressionStore {

  /**
   * Adds {@code phones} to {@code keyId}'s list, in one transaction; numbers already there keep
   * their first {@code at}.
   *
   * @throws StoreException if they may not have been committed
   */
  void suppress(String keyId, Collection<String> phones, Instant at);

  /**
   * Removes {@code phone} from {@code keyId}'s list, if it is there.
   *
   * @throws StoreException if the removal may not have been committed
   */
  void unsuppress(String keyId, String phone);

  /**
   * Every key's list, keyed by key id; keys without numbers are absent.
   *
   * @throws StoreException if the store cannot be read
   */
  Map<String, Set<String>> loadSuppressed();
}
