package dev.outdial.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the store's connections come from: one held open (SQLite) or a pool (PostgreSQL). */
public interface Connections extends AutoCloseable {

  /** A connection for one operation; give it back by closing the lease. */
  Lease lease() throws SQLException;

  /**
   * Throws unless this store is still its database's only writer; called just before each commit,
   * so a store that lost its ownership fails its commits rather than write beside another engine.
   */
  void requireOwnership() throws SQLException;

  /** What the connections reach, for logs and messages: never with a password. */
  String describe();

  /** Closes every connection. */
  @Override
  void close();

  /** One connection lent for one operation. */
  interface Lease extends AutoCloseable {
    Connection connection();

    @Override
    void close() throws SQLException;

    /** A pooled connection lent until the lease closes, which gives it back to its pool. */
    static Lease closing(Connection connection) {
      return new Lease() {
        @Override
        public Connection connection() {
          return connection;
        }

        @Override
        public void close() throws SQLException {
          connection.close();
        }
      };
    }
  }
}
