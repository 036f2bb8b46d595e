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

  /** Connections a node keeps: commits of its keys, the heartbeat, relayed requests, LISTEN. */
  private static final int POOL_SIZE = 8;

  private ClusterStart() {}

  /** A node running, and the pool it closes last. */
  public record Running(ClusterNode node, AutoCloseable database) implements AutoCloseable {
    @Override
    public void close() {
      try {
        node.close();
      } finally {
        try {
          database.close();
        } catch (Exception e) {
          LOG.warn("closing the cluster database's connections failed", e);
        }
      }
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
    AutoCloseable closing = pool;
    DataSource database = pool.dataSource();
    try {
      LeaseTerms terms =
          new LeaseTerms(Duration.ofSeconds(settings.leaseSeconds()), settings.claimLimit());
      KeyLeases leases = KeyLeases.register(database, nodeId, terms);
      KeyStores stores = KeyStores.open(database, leases);
      ClusterNode node =
          ClusterNode.start(database, leases, stores, dialer, fences, engines, keys.keyIds());
      LOG.info(
          "node {} joined the cluster on {} (lease {} s, renewed every {} ms)",
          nodeId,
          store,
          settings.leaseSeconds(),
          terms.renewEvery().toMillis());
      return new Running(node, closing);
    } catch (RuntimeException e) {
      try {
        closing.close();
      } catch (Exception close) {
        e.addSuppressed(close);
      }
      throw e;
    }
  }
}
