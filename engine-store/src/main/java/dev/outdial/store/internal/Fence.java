package dev.outdial.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What proves a store may still write: the single engine's {@link OwnerEpoch}, or in a cluster the
 * lease on the store's key. Every write transaction of {@link JdbcStore} asks it twice: before
 * taking a connection ({@link #beforeWrite}), and inside the transaction before its writes ({@link
 * #require}).
 */
public interface Fence {
  /**
   * Throws if this store may already have lost the right to write, judged without the database (a
   * node's own clock): nothing is then sent.
   */
  default void beforeWrite() {}

  /**
   * Throws unless this store may still write; called inside the write transaction, on its
   * connection, before its writes, and holds what it checked locked until the transaction ends.
   */
  void require(Connection transaction) throws SQLException;
}
