package dev.outdial.benchmarks;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.store.JdbcCampaignStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * A fresh, empty store for each benchmark iteration, named as the benchmarks' {@code store}
 * parameter names it: {@code memory} (none: the engine keeps its state in memory), {@code sqlite}
 * (a new file in a temporary directory) or {@code postgres} (a new database on one embedded
 * PostgreSQL server per JVM, started on first use and stopped at exit).
 */
public final class Stores {
  /** The embedded server's user, for {@link #newPostgresUrl()}. */
  public static final String POSTGRES_USER = "postgres";

  /** That user's password. */
  public static final String POSTGRES_PASSWORD = "postgres";

  private static @Nullable EmbeddedPostgres server;
  private static int databases;

  private Stores() {}

  /** A new empty store, or null for {@code memory}. */
  public static @Nullable CampaignStore open(String name) {
    return switch (name) {
      case "memory" -> null;
      case "sqlite" -> JdbcCampaignStore.sqlite(newSqliteFile());
      case "postgres" -> newPostgresDatabase();
      default ->
          throw new IllegalArgumentException(
              "store '" + name + "' is not known: memory, sqlite or postgres");
    };
  }

  private static Path newSqliteFile() {
    try {
      Path dir = Files.createTempDirectory("outdial-bench-");
      dir.toFile().deleteOnExit();
      return dir.resolve("outdial.db");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary directory for SQLite", e);
    }
  }

  private static CampaignStore newPostgresDatabase() {
    return JdbcCampaignStore.postgres(newPostgresUrl(), POSTGRES_USER, POSTGRES_PASSWORD);
  }

  /**
   * The JDBC URL of a new, empty database on the JVM's embedded PostgreSQL server (started on first
   * use), for {@link #POSTGRES_USER} and {@link #POSTGRES_PASSWORD}.
   */
  public static synchronized String newPostgresUrl() {
    EmbeddedPostgres postgres = server();
    String name = "bench_" + ++databases;
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.start();
        server = started;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        started.close();
                      } catch (IOException e) {
                        // The JVM is exiting; the server's directory is temporary anyway.
                      }
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
    return server;
  }
}
