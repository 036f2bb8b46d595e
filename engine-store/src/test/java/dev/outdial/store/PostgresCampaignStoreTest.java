package dev.outdial.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private String url;

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
    String name = "store_test_" + DATABASES.incrementAndGet();
    try (Connection admin = server.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    url = "jdbc:postgresql://localhost:" + server.getPort() + "/" + name;
  }

  @Override
  CampaignStore openStore() {
    return JdbcCampaignStore.postgres(url, USER, PASSWORD);
  }

  @Override
  Connection rawConnection() throws SQLException {
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
}
