package dev.outdial.store;

import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.store.StoredAttempt;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.store.internal.JdbcStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link KeyStore}: the key-scoped {@link JdbcStore}, its suppression lists held to the key. */
final class LeasedKeyStore implements KeyStore {
  private final KeyLease lease;
  private final JdbcStore store;

  LeasedKeyStore(KeyLease lease, JdbcStore store) {
    this.lease = lease;
    this.store = store;
  }

  @Override
  public KeyLease lease() {
    return lease;
  }

  @Override
  public StoredEngine load() {
    return store.load();
  }

  @Override
  public void commit(List<StoreChange> changes) {
    store.commit(changes);
  }

  @Override
  public Optional<StoredCampaign> campaign(String campaignId) {
    return store.campaign(campaignId);
  }

  @Override
  public List<StoredAttempt> attemptsSince(Instant since) {
    return store.attemptsSince(since);
  }

  @Override
  public Optional<StoredAnswer> answer(String keyId, String idempotencyKey) {
    return store.answer(keyId, idempotencyKey);
  }

  @Override
  public void suppress(String keyId, Collection<String> phones, Instant at) {
    requireKey(keyId);
    store.suppress(keyId, phones, at);
  }

  @Override
  public void unsuppress(String keyId, String phone) {
    requireKey(keyId);
    store.unsuppress(keyId, phone);
  }

  @Override
  public Map<String, Set<String>> loadSuppressed() {
    return store.loadSuppressed();
  }

  private void requireKey(String keyId) {
    if (!keyId.equals(lease.keyId())) {
      throw new IllegalArgumentException(
          "key " + keyId + "'s suppression list is not in the store of key " + lease.keyId());
    }
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public void close() {
    store.close();
  }
}
