package dev.outdial.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file, and what only SQLite has: a file and its pragmas. */
class SqliteCampaignStoreTest extends CampaignStoreContract {
  @TempDir Path directory;

  private Path file() {
    return directory.resolve("outdial.db");
  }

  @Override
  CampaignStore openStore() {
    return JdbcCampaignStore.sqlite(file());
  }

  @Override
  public Connection rawConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file());
  }

  @Test
  void the_file_is_in_wal_mode_and_described_with_its_path() throws SQLException {
    CampaignStore store = open();
    assertEquals(
        "SQLite " + file().toAbsolutePath() + " (WAL, synchronous=FULL)", store.describe());
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement();
        ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
      mode.next();
      assertEquals("wal", mode.getString(1));
    }
  }

  @Test
  void a_file_in_a_missing_directory_is_refused_naming_the_directory() {
    Path missing = directory.resolve("nowhere").resolve("outdial.db");
    StoreException refused =
        assertThrows(StoreException.class, () -> JdbcCampaignStore.sqlite(missing));
    assertTrue(refused.getMessage().contains(missing.getParent().toString()), refused.getMessage());
    assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
  }

  @Test
  void a_file_that_is_not_a_database_is_refused_naming_it() throws IOException {
    Files.writeString(
        file(), "this is not a database, just some text\n".repeat(100), StandardCharsets.UTF_8);
    StoreException refused = assertThrows(StoreException.class, this::openStore);
    assertTrue(refused.getMessage().contains(file().toString()), refused.getMessage());
  }

  @Test
  void a_second_store_on_the_same_file_is_refused_while_the_first_is_open() {
    // Two engines on one file would each believe they are the only writer, and both would dial
    // the same queued recipients: at most once needs the file to have one owner at a time.
    CampaignStore first = open();
    StoreException refused = assertThrows(StoreException.class, this::openStore);
    assertTrue(
        refused.getMessage().contains(file().toAbsolutePath().toString()), refused.getMessage());
    assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
    first.close();
    openStore().close(); // the owner closed it: free again
  }

  @Test
  void a_sqlite_file_has_no_key_lease_tables_since_its_lock_gives_it_one_engine()
      throws SQLException {
    open().close();
    try (Connection connection = rawConnection();
        Statement statement = connection.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "SELECT count(*) FROM sqlite_master"
                    + " WHERE name IN ('key_leases', 'cluster_nodes')")) {
      tables.next();
      assertEquals(0, tables.getInt(1));
    }
  }
}
