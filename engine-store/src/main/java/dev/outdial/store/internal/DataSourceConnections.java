package dev.outdial.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections of a {@link DataSource} shared with others (a cluster node's pool): each lent with
 * auto-commit off, as the PostgreSQL dialect needs, and closing does not close the source. There is
 * no lock to require: a key's store is fenced by its lease ({@link Fence}) instead.
 */
public final class DataSourceConnections implements Connections {
  private final DataSource database;
  private final String description;

  public DataSourceConnections(DataSource database, String description) {
    this.database = database;
    this.description = description;
  }

  @Override
  public Lease lease() throws SQLException {
    Connection connection = database.getConnection();
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return Lease.closing(connection);
  }

  @Override
  public void requireOwnership() {
    // Nothing held beside the fence: a key's lease is checked inside each write transaction.
  }

  @Override
  public String describe() {
    return description;
  }

  /** Leaves the shared source open: its owner closes it. */
  @Override
  public void close() {}
}
