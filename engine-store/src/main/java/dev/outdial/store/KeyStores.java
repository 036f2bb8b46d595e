package dev.outdial.store;

import dev.outdial.engine.store.StoreException;
import dev.outdial.store.internal.DataSourceConnections;
import dev.outdial.store.internal.Fence;
import dev.outdial.store.internal.JdbcStore;
import dev.outdial.store.internal.KeyEngineRows;
import dev.outdial.store.internal.KeyScope;
import dev.outdial.store.internal.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One cluster node's stores, one per API key it holds a lease on, in the PostgreSQL database the
 * cluster shares: each key's engine runs over its own {@link KeyStore}.
 *
 * <p>Several engines share one schema without clashing: each key counts its campaigns and calls in
 * ranges of its own, fixed by an ordinal the key is given once (campaign counters from {@code
 * ordinal << 32}, call counters from {@code ordinal << 40}; a single engine's earlier data lies
 * below them), and every engine derives ids from the one id secret the database holds, so ids are
 * unique across the cluster. A key's writes are fenced by its lease (see {@link KeyStore}), which
 * stands in for the single engine's advisory lock and owner epoch.
 *
 * <p>Safe for several threads. See docs/cluster.md.
 */
public final class KeyStores {
  private final DataSource database;
  private final KeyLeases leases;
  private final String description;

  private KeyStores(DataSource database, KeyLeases leases) {
    this.database = database;
    this.leases = leases;
    this.description = "PostgreSQL cluster database of node " + leases.node();
  }

  /**
   * The stores of {@code leases}' node over {@code database} (the one the leases are in), after
   * bringing its schema to the version this code knows and giving the database its id secret if it
   * has none yet (once, whichever node comes first).
   *
   * @throws StoreException if the database cannot be reached or migrated
   */
  public static KeyStores open(DataSource database, KeyLeases leases) {
    KeyStores stores = new KeyStores(database, leases);
    stores.inTransaction(
        "opening (migrating)",
        connection -> {
          KeyEngineRows.migrate(connection, stores.description);
          return null;
        });
    stores.inTransaction("opening (the id secret)", KeyEngineRows::ensureSecret);
    long singleEngineCampaigns =
        stores.inTransaction(
            "opening (counting a single engine's campaigns)",
            KeyEngineRows::campaignsBelowKeyRanges);
    if (singleEngineCampaigns > 0) {
      throw new StoreException(
          stores.description
              + " holds "
              + singleEngineCampaigns
              + " campaign(s) a single server wrote: a cluster cannot take over a single server's"
              + " database yet (an engine cannot hold its old counters beside its key's range);"
              + " start the cluster on a new database (docs/cluster.md)");
    }
    return stores;
  }

  /** {@link #forKey(KeyLease, LeaseClock)} without a self-fence: only the database's fence. */
  public KeyStore forKey(KeyLease lease) {
    return forKey(lease, LeaseClock.UNCHECKED);
  }

  /**
   * The store of {@code lease}'s key, its writes fenced by {@code lease} and first by {@code
   * clock}. The key is given its ordinal and counter ranges now if it has none (one transaction).
   * Open a new store for each lease: a store fenced by an older token writes nothing.
   *
   * @throws StoreException if the database fails, or the key ordinals are exhausted
   */
  public KeyStore forKey(KeyLease lease, LeaseClock clock) {
    KeyScope scope =
        inTransaction(
            "adding key " + lease.keyId(),
            connection -> KeyEngineRows.ensure(connection, lease.keyId()));
    Fence fence =
        new Fence() {
          @Override
          public void beforeWrite() {
            if (!clock.held()) {
              throw new KeyLeaseLostException(
                  lease.keyId(),
                  "node "
                      + leases.node()
                      + "'s lease on key "
                      + lease.keyId()
                      + " (token "
                      + lease.token()
                      + ") may have ended by its own clock (self-fence): nothing was sent; it"
                      + " must not write or dial for this key until it renews or claims it again");
            }
          }

          @Override
          public void require(Connection transaction) throws SQLException {
            leases.requireHeld(transaction, lease);
          }
        };
    String store = "key " + lease.keyId() + "'s store in the " + description;
    return new LeasedKeyStore(
        lease, JdbcStore.forKey(new DataSourceConnections(database, store), scope, fence));
  }

  private <T> T inTransaction(String operation, Transactions.Work<T> work) {
    return Transactions.run(database, operation + " " + description, work);
  }
}
