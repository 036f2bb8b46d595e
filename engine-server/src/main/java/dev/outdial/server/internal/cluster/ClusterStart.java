package dev.outdial.server.internal.cluster;

import dev.outdial.engine.spi.Dialer;
import dev.outdial.server.ApiKeys;
import dev.outdial.server.ServerConfig;
import dev.outdial.store.KeyLeases;
import dev.outdial.store.KeyStores;
import dev.outdial.store.LeaseTerms;
import dev.outdial.store.PostgresPool;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins this server to its cluster: a connection pool to the shared PostgreSQL, the node's
 * registration and leases, the key stores and the relay, then the {@link ClusterNode}.
 */
public final class ClusterStart {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterStart.class);

  /**
   * Connections for a node's work: commits of its keys' engines, suppression writes, relayed
   * requests (HTTP threads waiting for answers poll on them too) and the relay's LISTEN.
   */
  private static final int POOL_SIZE = 16;

  /**
   * The heartbeat's and claims' own connections, so that a node busy with commits and relayed
   * requests still renews its leases in time.
   */
  private static final int LEASE_POOL_SIZE = 2;

  private ClusterStart() {}

  /** A node running, and the pools it closes last. */
  public record Running(ClusterNode node, AutoCloseable database, AutoCloseable leaseDatabase)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        node.close();
      } finally {
        closeQuietly(database);
        closeQuietly(leaseDatabase);
      }
    }
  }

  private static void closeQuietly(AutoCloseable pool) {
    try {
      pool.close();
    } catch (Exception e) {
      LOG.warn("closing the cluster database's connections failed", e);
    }
  }

  /**
   * Starts the node.
   *
   * @throws dev.outdial.engine.store.StoreException if the database cannot be reached or another
   *     live node has this node's id
   */
  public static Running start(
      ServerConfig config,
      ServerConfig.Cluster settings,
      Dialer dialer,
      KeyFences fences,
      KeyDialing dialing,
      ApiKeys keys,
      KeyEngineFactory engines) {
    ServerConfig.Store store = config.store();
    String nodeId = settings.nodeIdOrDefault();
    PostgresPool pool =
        PostgresPool.open(
            Objects.requireNonNull(store.url(), "store.url"),
            Objects.requireNonNull(store.user(), "store.user"),
            store.password(System::getenv),
            POOL_SIZE);
    DataSource database = pool.dataSource();
    PostgresPool leasePool = null;
    try {
      leasePool =
          PostgresPool.open(
              store.url(), store.user(), store.password(System::getenv), LEASE_POOL_SIZE);
      LeaseTerms terms =
          new LeaseTerms(Duration.ofSeconds(settings.leaseSeconds()), settings.claimLimit());
      KeyLeases leases = KeyLeases.register(leasePool.dataSource(), nodeId, terms);
      KeyStores stores = KeyStores.open(database, leases);
      ClusterNode node =
          ClusterNode.start(
              database, leases, stores, dialer, fences, dialing, engines, keys.keyIds());
      LOG.info(
          "node {} joined the cluster on {} (lease {} s, renewed every {} ms)",
          nodeId,
          store,
          settings.leaseSeconds(),
          terms.renewEvery().toMillis());
      return new Running(node, pool, leasePool);
    } catch (RuntimeException e) {
      pool.close();
      if (leasePool != null) {
        leasePool.close();
      }
      throw e;
    }
  }
}
