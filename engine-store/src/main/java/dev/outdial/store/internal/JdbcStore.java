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

/**
 * A {@link CampaignStore} and {@link SuppressionStore} over JDBC: writes in {@link ChangeWriter},
 * reads in {@link StateReader}, suppression lists in {@link SuppressionRows}, what differs between
 * databases in {@link Dialect}; this class holds the transactions and turns every failure into a
 * {@link StoreException} naming the operation and the store. Safe for calls from several threads
 * (the engine's commits beside a host's suppression writes): each operation holds its own leased
 * connection, and SQLite's single connection is lent to one operation at a time.
 */
public final class JdbcStore implements CampaignStore, SuppressionStore {
  private final Connections connections;
  private final Dialect dialect;
  private final OwnerEpoch owner;

  private JdbcStore(Connections connections, Dialect dialect, OwnerEpoch owner) {
    this.connections = connections;
    this.dialect = dialect;
    this.owner = owner;
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
      return new JdbcStore(connections, dialect, owner);
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
    try (Connections.Lease lease = connections.lease()) {
      Connection connection = lease.connection();
      dialect.beginWrite(connection);
      try (ChangeWriter writer = new ChangeWriter(connection, dialect)) {
        owner.require(connection);
        writer.apply(changes);
        // Last before the commit, so the window in which the lock can be lost unseen is smallest.
        connections.requireOwnership();
        dialect.commit(connection);
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (StoreException e) {
      throw new StoreException(
          "committing " + changes.size() + " changes to " + describe() + ": " + e.getMessage(), e);
    } catch (SQLException | RuntimeException e) {
      throw failure("committing " + changes.size() + " changes to", e);
    }
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
   * One write transaction, committed only while this store still owns its database: its owner epoch
   * unchanged, and its lock held.
   */
  private void write(String operation, Write write) {
    try (Connections.Lease lease = connections.lease()) {
      Connection connection = lease.connection();
      dialect.beginWrite(connection);
      try {
        owner.require(connection);
        write.to(connection);
        connections.requireOwnership();
        dialect.commit(connection);
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
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
        T result = read.from(new StateReader(connection));
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
