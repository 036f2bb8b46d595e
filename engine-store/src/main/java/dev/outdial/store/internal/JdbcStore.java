package dev.outdial.store.internal;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.store.StoredAttempt;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.engine.store.SuppressionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CampaignStore} and {@link SuppressionStore} over JDBC: writes in {@link ChangeWriter},
 * reads in {@link StateReader}, suppression lists in {@link SuppressionRows}, what differs between
 * databases in {@link Dialect}; this class holds the transactions and turns every failure into a
 * {@link StoreException} naming the operation and the store. It is the single engine's store of a
 * whole database, or one API key's in a cluster ({@link #forKey}): then it reads and writes that
 * key's part only, and its writes are fenced by the key's lease. Safe for calls from several
 * threads (the engine's commits beside a host's suppression writes): each operation holds its own
 * leased connection, and SQLite's single connection is lent to one operation at a time.
 */
public final class JdbcStore implements CampaignStore, SuppressionStore {
  private final Connections connections;
  private final Dialect dialect;
  private final Fence fence;

  /** The key whose engine this store is, or null for the single engine of the whole database. */
  private final @Nullable KeyScope key;

  private JdbcStore(Connections connections, Dialect dialect, Fence fence, @Nullable KeyScope key) {
    this.connections = connections;
    this.dialect = dialect;
    this.fence = fence;
    this.key = key;
  }

  /**
   * The store of one API key's engine in a cluster, over a PostgreSQL database already migrated
   * whose {@code key_engines} row for the key exists: it reads and writes the key's part only
   * ({@link KeyScope}), and every write transaction passes {@code fence} first instead of an owner
   * epoch.
   */
  public static JdbcStore forKey(Connections connections, KeyScope key, Fence fence) {
    return new JdbcStore(connections, Dialect.POSTGRES, fence, key);
  }

  /**
   * A store over {@code connections}, its schema migrated to the version this code knows and its
   * owner epoch raised (see {@link OwnerEpoch}). Takes ownership of {@code connections}: closes
   * them if the store cannot start.
   *
   * @throws StoreException if the schema cannot be migrated, or is newer than this code knows
   */
  public static JdbcStore start(Connections connections, Dialect dialect) {
    try (Connections.Lease lease = connections.lease()) {
      Migrations.run(lease.connection(), dialect, connections.describe());
      OwnerEpoch owner = OwnerEpoch.claim(lease.connection(), dialect, connections.describe());
      return new JdbcStore(connections, dialect, owner, null);
    } catch (SQLException | RuntimeException e) {
      try {
        connections.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof StoreException storeException) {
        throw storeException;
      }
      throw failure("opening (migrating, claiming the owner epoch)", connections, e);
    }
  }

  @Override
  public StoredEngine load() {
    return read("loading", reader -> reader.engine());
  }

  @Override
  public Optional<StoredCampaign> campaign(String campaignId) {
    return read("reading campaign " + campaignId + " from", reader -> reader.campaign(campaignId));
  }

  @Override
  public List<StoredAttempt> attemptsSince(Instant since) {
    return read(
        "reading the attempt log since " + since + " from", reader -> reader.attemptsSince(since));
  }

  @Override
  public Optional<StoredAnswer> answer(String keyId, String idempotencyKey) {
    return read(
        "reading the answer to key " + keyId + "'s Idempotency-Key from",
        reader -> reader.answer(keyId, idempotencyKey));
  }

  @Override
  public void commit(List<StoreChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    try {
      fence.beforeWrite();
    } catch (StoreException e) {
      throw fenced(e, "committing " + changes.size() + " changes to");
    }
    try (Connections.Lease lease = connections.lease()) {
      Connection connection = lease.connection();
      dialect.beginWrite(connection);
      try (ChangeWriter writer = new ChangeWriter(connection, dialect, key)) {
        fence.require(connection);
        writer.apply(changes);
        // Last before the commit, so the window in which the lock can be lost unseen is smallest.
        connections.requireOwnership();
        dialect.commit(connection);
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (StoreException e) {
      throw fenced(e, "committing " + changes.size() + " changes to");
    } catch (SQLException | RuntimeException e) {
      throw failure("committing " + changes.size() + " changes to", e);
    }
  }

  /**
   * A refusal as thrown by a write: a subclass of {@link StoreException} (a lost key lease) keeps
   * its type, so that the caller can tell it; a plain one is given the operation and the store.
   */
  private StoreException fenced(StoreException e, String operation) {
    if (e.getClass() != StoreException.class) {
      return e;
    }
    return new StoreException(operation + " " + describe() + ": " + e.getMessage(), e);
  }

  @Override
  public void suppress(String keyId, Collection<String> phones, Instant at) {
    if (phones.isEmpty()) {
      return;
    }
    write(
        "suppressing " + phones.size() + " numbers of key " + keyId + " in",
        connection -> SuppressionRows.insert(connection, keyId, phones, at));
  }

  @Override
  public void unsuppress(String keyId, String phone) {
    write(
        "removing a suppressed number of key " + keyId + " from",
        connection -> SuppressionRows.delete(connection, keyId, phone));
  }

  @Override
  public Map<String, Set<String>> loadSuppressed() {
    return read("loading the suppression lists from", reader -> reader.suppressed());
  }

  private interface Write {
    void to(Connection connection) throws SQLException;
  }

  /**
   * One write transaction, committed only while this store may still write: its fence passed (the
   * single engine's owner epoch unchanged, or a key's lease held), and its lock held.
   */
  private void write(String operation, Write write) {
    fence.beforeWrite();
    try (Connections.Lease lease = connections.lease()) {
      Connection connection = lease.connection();
      dialect.beginWrite(connection);
      try {
        fence.require(connection);
        write.to(connection);
        connections.requireOwnership();
        dialect.commit(connection);
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      if (e instanceof StoreException refused && refused.getClass() != StoreException.class) {
        throw refused; // a lost key lease: its own type, so the caller can tell it
      }
      throw failure(operation, e);
    }
  }

  private interface Read<T> {
    T from(StateReader reader) throws SQLException;
  }

  private <T> T read(String operation, Read<T> read) {
    try (Connections.Lease lease = connections.lease()) {
      Connection connection = lease.connection();
      dialect.beginRead(connection);
      try {
        T result = read.from(new StateReader(connection, key));
        dialect.commit(connection);
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      throw failure(operation, e);
    }
  }

  private void rollback(Connection connection, Exception cause) {
    try {
      dialect.rollback(connection);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private StoreException failure(String operation, Exception e) {
    return failure(operation, connections, e);
  }

  private static StoreException failure(String operation, Connections connections, Exception e) {
    return new StoreException(
        operation + " " + connections.describe() + " failed: " + e.getMessage(), e);
  }

  @Override
  public String describe() {
    return connections.describe();
  }

  @Override
  public void close() {
    connections.close();
  }
}
