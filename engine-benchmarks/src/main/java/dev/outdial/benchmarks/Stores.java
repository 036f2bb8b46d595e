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
  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
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

  private static synchronized CampaignStore newPostgresDatabase() {
    EmbeddedPostgres postgres = server();
    String name = "bench_" + ++databases;
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return JdbcCampaignStore.postgres(
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name, USER, PASSWORD);
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
