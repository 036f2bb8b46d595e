package dev.outdial.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** A new, empty database on an embedded PostgreSQL server for each test: its JDBC URL. */
final class EmbeddedDatabases {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private EmbeddedDatabases() {}

  /** Creates {@code prefix_N} (N unique in this JVM) on {@code server}; returns its JDBC URL. */
  static String create(EmbeddedPostgres server, String prefix) throws SQLException {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection admin = server.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name;
  }

  /** The database name at the end of {@code url}. */
  static String name(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }
}
