package dev.outdial.store;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreException;
import dev.outdial.store.internal.Dialect;
import dev.outdial.store.internal.JdbcStore;
import dev.outdial.store.internal.PostgresConnections;
import dev.outdial.store.internal.SqliteConnections;
import java.nio.file.Path;

/**
 * Makes the engine's {@link CampaignStore} over a database: a SQLite file for one embedded engine,
 * or PostgreSQL for a server. Both keep the same schema, brought to the version this code knows
 * when the store opens; a store written by a newer version is refused rather than misread.
 *
 * <p>A store returned here keeps every promise of {@link CampaignStore}: a commit is one
 * transaction, durable when it returns ({@code synchronous=FULL} on SQLite, a synchronous commit on
 * PostgreSQL), and each change may be applied again without effect. Instants are kept to the
 * nanosecond. Close the store to release its file or connections.
 */
public final class JdbcCampaignStore {
  private JdbcCampaignStore() {}

  /**
   * A store in the SQLite file {@code file}, created with its schema if absent. Its directory must
   * exist. The file is opened in WAL mode, so {@code file-wal} and {@code file-shm} appear beside
   * it: they are part of the store (see docs/durability-store.md on backups).
   *
   * @throws StoreException naming the file and why, if it cannot be opened or migrated
   */
  public static CampaignStore sqlite(Path file) {
    return JdbcStore.start(SqliteConnections.open(file), Dialect.SQLITE);
  }

  /**
   * A store in the PostgreSQL database at {@code jdbcUrl} (like {@code
   * jdbc:postgresql://host:5432/outdial}), reached as {@code user} through a pool of two
   * connections; its tables are created in the connection's schema if absent.
   *
   * <p>One engine at a time: the store holds a PostgreSQL advisory lock on the database, on a
   * connection of its own, until it is closed or that session ends. Once the lock's session has
   * ended, every commit fails: another engine may own the database by then.
   *
   * @throws StoreException naming the URL (without its parameters) and the user, never the
   *     password, if the database cannot be reached or migrated, or another engine holds it
   */
  public static CampaignStore postgres(String jdbcUrl, String user, String password) {
    return JdbcStore.start(PostgresConnections.open(jdbcUrl, user, password), Dialect.POSTGRES);
  }
}
