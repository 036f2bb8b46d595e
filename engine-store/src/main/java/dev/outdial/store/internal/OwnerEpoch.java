package dev.outdial.store.internal;

import dev.outdial.engine.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * This store's claim on its database: the owner epoch ({@code engine_meta.owner_epoch}) it raised
 * when it opened. Every write transaction checks, inside itself, that the epoch is still this
 * store's; a higher one means another engine opened the database since, so the write is refused,
 * and so is every later one, even should the number come back (another engine may have run in
 * between).
 *
 * <p>It backs up the file or advisory lock, which is checked on another connection than the
 * commit's: a lock lost between its check and the {@code COMMIT} would let one commit through
 * unowned. On PostgreSQL the check reads the row {@code FOR UPDATE}, so a new owner's raise waits
 * for this transaction to end, and that owner then loads what it committed. Safe for several
 * threads.
 */
final class OwnerEpoch implements Fence {
  private static final String RAISE =
      "UPDATE engine_meta SET owner_epoch = owner_epoch + 1 WHERE id = 1";
  private static final String READ = "SELECT owner_epoch FROM engine_meta WHERE id = 1";

  private final long epoch;
  private final Dialect dialect;
  private final String store;
  private volatile boolean lost;

  private OwnerEpoch(long epoch, Dialect dialect, String store) {
    this.epoch = epoch;
    this.dialect = dialect;
    this.store = store;
  }

  /**
   * Raises the epoch in a transaction of its own and keeps the new value; called once at open,
   * after the store's lock is taken and its schema migrated.
   */
  static OwnerEpoch claim(Connection connection, Dialect dialect, String store)
      throws SQLException {
    dialect.beginWrite(connection);
    try {
      try (PreparedStatement raise = connection.prepareStatement(RAISE)) {
        if (raise.executeUpdate() != 1) {
          throw new SQLException("engine_meta has no row: the schema is damaged");
        }
      }
      long epoch = read(connection, "");
      dialect.commit(connection);
      return new OwnerEpoch(epoch, dialect, store);
    } catch (SQLException | RuntimeException e) {
      dialect.rollback(connection);
      throw e;
    }
  }

  /**
   * Throws unless the epoch is still this store's; call inside a write transaction, before its
   * writes (on PostgreSQL it then holds the row until the transaction ends).
   *
   * @throws StoreException once another engine has opened the database, now and for every later
   *     write
   */
  @Override
  public void require(Connection connection) throws SQLException {
    if (!lost) {
      long current = read(connection, dialect.lockingRead());
      if (current == epoch) {
        return;
      }
      lost = true;
    }
    throw new StoreException(
        "another engine took over "
            + store
            + " (its owner epoch moved past "
            + epoch
            + ", the one this engine opened with); this engine must stop: two engines on one"
            + " database would dial the same recipients, so it writes nothing more");
  }

  private static long read(Connection connection, String locking) throws SQLException {
    try (PreparedStatement read = connection.prepareStatement(READ + locking);
        ResultSet row = read.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("engine_meta has no row: the schema is damaged");
      }
      return row.getLong(1);
    }
  }
}
