package dev.outdial.server.internal;

import dev.outdial.engine.spi.SuppressionList;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.SuppressionStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * The server's per-key suppression lists: E.164 numbers a key's campaigns must never call. Held in
 * memory, so that the engine's question right before each call ({@link #isSuppressed}, on its owner
 * thread) takes no lock and no I/O; every change is written through the {@link SuppressionStore}
 * before it is made in memory, so a change the API acknowledged survives a restart, and one the
 * store refused left the list as it was. Changes of one key are serialised; reads never wait.
 * Without a store the lists live as long as the process.
 */
public final class SuppressionLists implements SuppressionList {
  private final Map<String, Set<String>> byKey = new ConcurrentHashMap<>();
  private final @Nullable SuppressionStore store;
  private final InstantSource clock;

  private SuppressionLists(@Nullable SuppressionStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The lists {@code store} holds (none without a store).
   *
   * @throws StoreException if the store cannot be read
   */
  public static SuppressionLists load(@Nullable SuppressionStore store, InstantSource clock) {
    SuppressionLists lists = new SuppressionLists(store, clock);
    if (store != null) {
      store.loadSuppressed().forEach((key, phones) -> lists.list(key).addAll(phones));
    }
    return lists;
  }

  @Override
  public boolean isSuppressed(String keyId, String phone) {
    Set<String> list = byKey.get(keyId);
    return list != null && list.contains(phone);
  }

  /** How many numbers {@code keyId}'s list holds. */
  public int size(String keyId) {
    Set<String> list = byKey.get(keyId);
    return list == null ? 0 : list.size();
  }

  /**
   * Adds E.164 {@code phones} to {@code keyId}'s list; answers how many were not there yet.
   *
   * @throws StoreException if the store failed (nothing was added)
   */
  int add(String keyId, Collection<String> phones) {
    Set<String> list = list(keyId);
    synchronized (list) {
      List<String> fresh = new ArrayList<>();
      for (String phone : phones) {
        if (!list.contains(phone)) {
          fresh.add(phone);
        }
      }
      if (!fresh.isEmpty()) {
        if (store != null) {
          store.suppress(keyId, fresh, clock.instant());
        }
        list.addAll(fresh);
      }
      return fresh.size();
    }
  }

  /**
   * Removes E.164 {@code phone} from {@code keyId}'s list; answers whether it was there.
   *
   * @throws StoreException if the store failed (the number stays)
   */
  boolean remove(String keyId, String phone) {
    Set<String> list = list(keyId);
    synchronized (list) {
      if (!list.contains(phone)) {
        return false; // written through: the store does not have it either
      }
      if (store != null) {
        store.unsuppress(keyId, phone);
      }
      list.remove(phone);
      return true;
    }
  }

  /** A page of {@code keyId}'s numbers in text order, and how many there are. */
  Page page(String keyId, int offset, int limit) {
    Set<String> list = byKey.get(keyId);
    if (list == null) {
      return new Page(0, List.of());
    }
    List<String> all = List.copyOf(list); // one consistent sorted snapshot for total and page
    int from = Math.min(offset, all.size());
    return new Page(all.size(), all.subList(from, Math.min(all.size(), from + limit)));
  }

  /** A page of a list: {@code total} numbers in all. */
  record Page(int total, List<String> phones) {}

  private Set<String> list(String keyId) {
    return byKey.computeIfAbsent(keyId, k -> new ConcurrentSkipListSet<>());
  }
}
