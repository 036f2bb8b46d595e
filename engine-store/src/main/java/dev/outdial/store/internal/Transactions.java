package dev.outdial.store.internal;

import dev.outdial.engine.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One transaction on a connection of its own from a {@link DataSource}, committed when the work
 * returns and rolled back when it throws; every failure but a {@link StoreException} becomes one
 * naming the operation. The cluster's parts (leases, key stores, the relay) each run their calls
 * this way.
 */
public final class Transactions {
  private Transactions() {}

  /** Work inside the transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T in(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction.
   *
   * @param what names the operation for the error, like {@code "node n1: claiming keys"}
   * @throws StoreException saying {@code what} failed and why
   */
  public static <T> T run(DataSource database, String what, Work<T> work) {
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.in(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (StoreException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }
}
