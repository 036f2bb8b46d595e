package dev.outdial.engine.internal.store;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of engine state not yet committed, in the order they were made, and their commits.
 * Owned by the engine's owner thread. Without a store it keeps nothing and every commit succeeds at
 * once (the in-memory engine).
 *
 * <p>A failed commit keeps its changes, in order, for the next one (every change can be applied
 * again), and the store is then <em>failing</em>: the engine dials nothing until a commit succeeds,
 * tried again after a back-off that doubles from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}.
 */
public final class Journal {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final @Nullable CampaignStore store;
  private final ArrayList<StoreChange> pending = new ArrayList<>();
  private @Nullable Instant retryAt;
  private Duration backoff = FIRST_BACKOFF;

  public Journal(@Nullable CampaignStore store) {
    this.store = store;
  }

  /** Whether there is a store: the engine's state outlives its process. */
  public boolean durable() {
    return store != null;
  }

  /** The store; only for a durable engine. */
  public CampaignStore store() {
    if (store == null) {
      throw new IllegalStateException("this engine has no store");
    }
    return store;
  }

  /** Records a change for the next commit (nothing without a store). */
  public void add(StoreChange change) {
    if (store != null) {
      pending.add(change);
    }
  }

  /** Forgets the last change recorded, which must be {@code change} (its operation failed). */
  public void undoLast(StoreChange change) {
    if (store != null) {
      if (pending.isEmpty() || pending.get(pending.size() - 1) != change) {
        throw new IllegalStateException("the last change recorded is not " + change);
      }
      pending.remove(pending.size() - 1);
    }
  }

  public boolean hasPending() {
    return !pending.isEmpty();
  }

  /**
   * Commits every change recorded, in one transaction.
   *
   * @throws StoreException if the store failed: the changes stay recorded, and the store is failing
   *     until a commit succeeds
   */
  public void commit(Instant now) {
    if (store == null || pending.isEmpty()) {
      return;
    }
    try {
      store.commit(Collections.unmodifiableList(pending));
    } catch (RuntimeException e) {
      if (retryAt == null) {
        log.error(
            "store commit of {} changes failed; dialling stops until it succeeds",
            pending.size(),
            e);
      } else {
        log.warn("store commit failed again: {}", e.toString());
      }
      retryAt = now.plus(backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
      throw e instanceof StoreException s ? s : new StoreException("the store failed: " + e, e);
    }
    pending.clear();
    if (retryAt != null) {
      log.info("store commits again");
      retryAt = null;
      backoff = FIRST_BACKOFF;
    }
  }

  /** Whether the last commit failed: nothing may be dialled until one succeeds. */
  public boolean failing() {
    return retryAt != null;
  }

  /** When a failing store is next tried, or null if it is not failing. */
  public @Nullable Instant retryAt() {
    return retryAt;
  }

  /** Commits if the store is failing and its back-off is over; true if nothing is left failing. */
  public boolean retryIfDue(Instant now) {
    if (retryAt == null) {
      return true;
    }
    if (now.isBefore(retryAt)) {
      return false;
    }
    try {
      commit(now);
      return true;
    } catch (StoreException e) {
      return false;
    }
  }
}
