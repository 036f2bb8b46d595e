package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code store} section: SQLite {@code outdial.db} when absent, PostgreSQL with its password
 * from the environment or inline, {@code memory} only when asked; a wrong value is refused naming
 * the setting and the value.
 */
class StoreConfigTest {

  private static String refusal(String store) {
    return assertThrows(
            IllegalArgumentException.class, () -> ServerConfig.read("{\"store\": " + store + "}"))
        .getMessage();
  }

  @Test
  void without_a_store_section_campaigns_are_kept_in_outdial_db_in_the_working_directory() {
    ServerConfig.Store store = ServerConfig.read("{}").store();

    assertEquals("sqlite", store.type());
    assertEquals("outdial.db", store.file());
    assertTrue(store.durable());
    assertEquals(store, ServerConfig.sample().store(), "the sample says what the default is");
    assertEquals("outdial.db", ServerConfig.read("{\"store\": {}}").store().file());
  }

  @Test
  void a_sqlite_store_takes_its_file_from_the_configuration() {
    ServerConfig.Store store =
        ServerConfig.read("{\"store\": {\"type\": \"sqlite\", \"file\": \"/var/lib/o/x.db\"}}")
            .store();

    assertEquals("/var/lib/o/x.db", store.file());
  }

  @Test
  void memory_keeps_nothing_and_only_when_asked_for() {
    ServerConfig.Store store = ServerConfig.read("{\"store\": {\"type\": \"memory\"}}").store();

    assertFalse(store.durable());
  }

  @Test
  void a_postgres_password_comes_from_the_environment_variable_named() {
    ServerConfig.Store store =
        ServerConfig.read(
                """
                {"store": {"type": "postgres", "url": "jdbc:postgresql://db:5432/outdial",
                           "user": "outdial", "password_env": "OUTDIAL_DB_PASSWORD"}}
                """)
            .store();

    assertEquals("s3cret", store.password(Map.of("OUTDIAL_DB_PASSWORD", "s3cret")::get));
    assertFalse(store.toString().contains("s3cret"));
    String unset =
        assertThrows(IllegalArgumentException.class, () -> store.password(name -> null))
            .getMessage();
    assertEquals(
        "store.password_env names the environment variable OUTDIAL_DB_PASSWORD, which is not"
            + " set: set it to the database password",
        unset);
  }

  @Test
  void an_inline_postgres_password_is_used_and_never_shown() {
    ServerConfig.Store store =
        ServerConfig.read(
                """
                {"store": {"type": "postgres", "url": "jdbc:postgresql://db/outdial?ssl=true",
                           "user": "outdial", "password": "inline-secret"}}
                """)
            .store();

    assertEquals("inline-secret", store.password(name -> null));
    assertFalse(store.toString().contains("inline-secret"), store.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\": \"mysql\"}"
            + "|config text: store.type must be sqlite, postgres or memory, was 'mysql'",
        "{\"type\": \"postgres\", \"user\": \"u\", \"password_env\": \"P\"}"
            + "|config text: store.url must be a PostgreSQL JDBC URL"
            + " (jdbc:postgresql://host:5432/db) with type postgres, was missing",
        "{\"type\": \"postgres\", \"url\": \"postgres://db/x?password=p\", \"user\": \"u\","
            + " \"password_env\": \"P\"}"
            + "|config text: store.url must be a PostgreSQL JDBC URL"
            + " (jdbc:postgresql://host:5432/db) with type postgres, was 'postgres://db/x'",
        "{\"type\": \"postgres\", \"url\": \"jdbc:postgresql://db/x\", \"password_env\": \"P\"}"
            + "|config text: store.user is required with type postgres",
        "{\"type\": \"postgres\", \"url\": \"jdbc:postgresql://db/x\", \"user\": \"u\"}"
            + "|config text: store: type postgres needs exactly one of password_env (the name of"
            + " an environment variable holding the password) and password, got neither",
        "{\"type\": \"postgres\", \"url\": \"jdbc:postgresql://db/x\", \"user\": \"u\","
            + " \"password\": \"p\", \"password_env\": \"P\"}"
            + "|config text: store: type postgres needs exactly one of password_env (the name of"
            + " an environment variable holding the password) and password, got both",
        "{\"type\": \"postgres\", \"file\": \"x.db\"}"
            + "|config text: store.file does not apply to type postgres",
        "{\"type\": \"sqlite\", \"url\": \"jdbc:postgresql://db/x\"}"
            + "|config text: store.url does not apply to type sqlite",
        "{\"type\": \"sqlite\", \"file\": \" \"}|config text: store.file must name a file, was blank",
        "{\"type\": \"memory\", \"file\": \"outdial.db\"}"
            + "|config text: store.file does not apply to type memory",
      })
  void a_wrong_store_setting_is_refused_naming_it_and_its_value(String store, String message) {
    assertEquals(message, refusal(store));
  }

  @Test
  void an_unknown_store_setting_is_refused_naming_it() {
    String message = refusal("{\"type\": \"sqlite\", \"path\": \"x.db\"}");

    assertTrue(message.contains("path"), message);
  }
}
