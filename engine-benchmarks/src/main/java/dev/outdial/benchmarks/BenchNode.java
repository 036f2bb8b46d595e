package dev.outdial.benchmarks;

import dev.outdial.store.KeyLease;
import dev.outdial.store.KeyLeases;
import dev.outdial.store.KeyStore;
import dev.outdial.store.KeyStores;
import dev.outdial.store.LeaseClock;
import dev.outdial.store.LeaseTerms;
import dev.outdial.store.PostgresPool;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One Outdial cluster node as the cluster benchmarks run it: its own connection pool, {@link
 * KeyLeases} and {@link KeyStores} over a PostgreSQL database other nodes share, as a server in
 * cluster mode holds them, but in the benchmark's JVM. Its work runs on whatever thread calls it;
 * the benchmarks give each node a thread of its own.
 */
final class BenchNode implements AutoCloseable {
  private final PostgresPool pool;
  private final DataSource database;
  private final KeyLeases leases;
  private @Nullable KeyStores stores;

  private BenchNode(PostgresPool pool, DataSource database, KeyLeases leases) {
    this.pool = pool;
    this.database = database;
    this.leases = leases;
  }

  /**
   * Registers node {@code id} in the database at {@code jdbcUrl}, with a pool of {@code poolSize}
   * connections whose data source {@code wrap} may wrap (to count what is sent, say).
   */
  static BenchNode join(
      String jdbcUrl, String id, LeaseTerms terms, int poolSize, UnaryOperator<DataSource> wrap) {
    PostgresPool pool =
        PostgresPool.open(jdbcUrl, Stores.POSTGRES_USER, Stores.POSTGRES_PASSWORD, poolSize);
    try {
      DataSource database = wrap.apply(pool.dataSource());
      return new BenchNode(pool, database, KeyLeases.register(database, id, terms));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  KeyLeases leases() {
    return leases;
  }

  /**
   * Claims one key (the node's terms must allow one per claim), and opens its fenced store with a
   * self-fence counted, as a server counts it, from before the claim was sent.
   */
  KeyStore claimOneStore() {
    long sent = System.nanoTime();
    List<KeyLease> claimed = leases.claim();
    Checks.require(claimed.size() == 1, "node " + leases.node() + " claims one key: " + claimed);
    long deadline = sent + leases.terms().duration().toNanos();
    LeaseClock clock = () -> System.nanoTime() - deadline < 0;
    if (stores == null) {
      stores = KeyStores.open(database, leases);
    }
    return stores.forKey(claimed.get(0), clock);
  }

  /** Gives back every key (the node leaves the cluster) and closes the pool. */
  @Override
  public void close() {
    try {
      leases.release();
    } finally {
      pool.close();
    }
  }
}
