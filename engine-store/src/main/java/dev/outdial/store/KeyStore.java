package dev.outdial.store;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.SuppressionStore;

/**
 * One API key's part of a cluster's PostgreSQL database, as the engine that owns the key sees it: a
 * {@link CampaignStore} of the key's campaigns, and the key's suppression list. Made by {@link
 * KeyStores#forKey}.
 *
 * <ul>
 *   <li>{@link #load} returns the database's shared id secret (never null), the key's own counters,
 *       and the key's campaigns only; {@link #campaign} and {@link #attemptsSince} see only the
 *       key's campaigns and calls. {@link #answer} answers for any key, as the single store does.
 *   <li>Each {@link #commit} is one transaction on a connection of its own, fenced by {@link
 *       #lease()}: it first asks the store's {@link LeaseClock} (the self-fence; refused without a
 *       round trip), then, inside the transaction and before any write, {@link
 *       KeyLeases#requireHeld}. A node that lost the key therefore commits nothing, above all no
 *       call's intent, so the engine never dials that call. The refusal is a {@link
 *       KeyLeaseLostException}: nothing of the batch was written.
 *   <li>The key's counters live in its own ranges (see docs/cluster.md): a created campaign outside
 *       them, or of another key, is refused with a {@link StoreException}, nothing written.
 *   <li>The suppression methods accept this key only ({@link IllegalArgumentException} for another)
 *       and their writes are fenced like commits; {@link #loadSuppressed} returns this key's list.
 *   <li>{@link #close} releases nothing shared: the node's {@code DataSource} stays open.
 * </ul>
 */
public interface KeyStore extends CampaignStore, SuppressionStore {
  /** The lease this store's writes are fenced by. */
  KeyLease lease();
}
