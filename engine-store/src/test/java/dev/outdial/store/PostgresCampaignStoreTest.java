package dev.outdial.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredRecipient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL (embedded binaries, one server for the class, a new
 * database per test).
 */
class PostgresCampaignStoreTest extends CampaignStoreContract {
  private static final String USER = "postgres";
  private static final String PASSWORD = "s3cret-never-shown";
  private static EmbeddedPostgres server;

  private String url;
  private String database;

  @BeforeAll
  static void startServer() throws IOException {
    server = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopServer() throws IOException {
    server.close();
  }

  @BeforeEach
  void createDatabase() throws SQLException {
    url = EmbeddedDatabases.create(server, "store_test");
    database = EmbeddedDatabases.name(url);
  }

  @Override
  CampaignStore openStore() {
    return JdbcCampaignStore.postgres(url, USER, PASSWORD);
  }

  @Override
  public Connection rawConnection() throws SQLException {
    return DriverManager.getConnection(url, USER, PASSWORD);
  }

  @Test
  void it_is_described_by_url_and_user_never_password() {
    String described = open().describe();
    assertEquals("PostgreSQL " + url + " as postgres", described);
  }

  @Test
  void url_parameters_are_not_shown_since_they_may_hold_a_password() {
    CampaignStore store = JdbcCampaignStore.postgres(url + "?password=" + PASSWORD, USER, "");
    try (store) {
      assertFalse(store.describe().contains(PASSWORD), store.describe());
    }
  }

  @Test
  void an_unreachable_server_is_refused_naming_url_and_user_never_password() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "jdbc:postgresql://localhost:" + closedPort + "/outdial";
    StoreException refused =
        assertThrows(
            StoreException.class, () -> JdbcCampaignStore.postgres(unreachable, "app", PASSWORD));
    assertTrue(refused.getMessage().contains(unreachable + " as app"), refused.getMessage());
    assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());
  }

  @Test
  void a_nul_in_a_recipients_text_is_refused_naming_it_and_the_batch_keeps_nothing() {
    // PostgreSQL text cannot hold U+0000; the engine refuses it at its edge, the store says where.
    CampaignStore store = open();
    StoredCampaign first = Campaigns.minimal(0, 0, 2);
    StoredCampaign base = Campaigns.minimal(1, 2, 3);
    StoredRecipient r = base.recipients().get(2);
    StoredCampaign withNul =
        Campaigns.withRecipient(
            base,
            2,
            new StoredRecipient(
                r.phone(),
                Map.of(),
                "say \u0000 this",
                r.status(),
                null,
                null,
                null,
                null,
                null,
                0));

    StoreException refused =
        assertThrows(
            StoreException.class,
            () ->
                store.commit(
                    List.of(
                        new StoreChange.Created(first, null),
                        new StoreChange.Created(withNul, null))));
    assertTrue(
        refused.getMessage().contains("recipient 2 of campaign batchcall_1"), refused.getMessage());
    assertTrue(refused.getMessage().contains("prompt_override"), refused.getMessage());
    assertTrue(store.load().open().isEmpty(), "the refused batch wrote nothing");

    store.commit(List.of(new StoreChange.Created(first, null))); // the connection still works
    assertEquals(List.of(first), store.load().open());
  }

  // --- one engine per database

  @Test
  void a_second_store_on_the_same_database_is_refused_while_the_first_is_open() {
    // Two engines on one database would both load the same queued recipients and dial them.
    CampaignStore first = open();
    StoreException refused = assertThrows(StoreException.class, this::openStore);
    assertTrue(refused.getMessage().contains("another Outdial engine"), refused.getMessage());
    assertTrue(refused.getMessage().contains(url + " as postgres"), refused.getMessage());
    assertTrue(refused.getMessage().contains("held by backend pid"), refused.getMessage());
    assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());
    first.close();
    openStore().close(); // the owner closed it: free again
  }

  @Test
  void stores_on_two_databases_of_one_server_both_open() throws SQLException {
    open();
    createDatabase();
    open(); // the lock is per database, not per server
  }

  @Test
  void a_store_opens_once_the_holder_session_dies_as_after_kill_9() throws SQLException {
    // kill -9 of the holder: PostgreSQL ends its session and so releases its lock.
    open();
    terminateLockSessions();
    open().load();
  }

  @Test
  void a_store_whose_lock_session_died_fails_its_commits_rather_than_write_unowned()
      throws SQLException {
    CampaignStore store = open();
    store.commit(List.of(new StoreChange.Created(Campaigns.minimal(0, 0, 1), null)));
    terminateLockSessions();

    StoreException refused =
        assertThrows(
            StoreException.class,
            () -> store.commit(List.of(new StoreChange.Created(Campaigns.minimal(1, 1, 1), null))));
    assertTrue(refused.getMessage().contains("lock"), refused.getMessage());
    assertTrue(refused.getMessage().contains(url + " as postgres"), refused.getMessage());
    assertEquals(1, store.load().open().size(), "the refused commit wrote nothing");
  }

  @Test
  void after_its_lock_session_died_and_another_engine_opened_a_store_is_fenced_off()
      throws SQLException {
    CampaignStore first = open();
    terminateLockSessions();
    CampaignStore second = open(); // the lock is free: a second engine takes the database

    StoreException refused =
        assertThrows(
            StoreException.class,
            () -> first.commit(List.of(new StoreChange.Created(Campaigns.minimal(0, 0, 1), null))));
    assertTrue(refused.getMessage().contains("another engine took over"), refused.getMessage());
    assertTrue(refused.getMessage().contains(url + " as postgres"), refused.getMessage());
    assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());

    StoredCampaign campaign = Campaigns.minimal(0, 0, 2);
    second.commit(List.of(new StoreChange.Created(campaign, null)));
    assertEquals(List.of(campaign), second.load().open());
  }

  /** Ends the sessions holding an advisory lock on this test's database, from a third session. */
  private void terminateLockSessions() throws SQLException {
    String holders =
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = ?)";
    try (Connection admin = server.getPostgresDatabase().getConnection();
        PreparedStatement find = admin.prepareStatement(holders);
        PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
      find.setString(1, database);
      List<Integer> pids = pids(find);
      assertFalse(pids.isEmpty(), "an open store holds an advisory lock on its database");
      for (int pid : pids) {
        terminate.setInt(1, pid);
        terminate.execute();
      }
      // pg_terminate_backend only signals: wait until the session is gone and its lock with it.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      while (!pids(find).isEmpty()) {
        assertTrue(Instant.now().isBefore(deadline), "the lock session did not end in 10 s");
        Thread.onSpinWait();
      }
    }
  }

  private static List<Integer> pids(PreparedStatement find) throws SQLException {
    List<Integer> pids = new ArrayList<>();
    try (ResultSet rows = find.executeQuery()) {
      while (rows.next()) {
        pids.add(rows.getInt(1));
      }
    }
    return pids;
  }
}
