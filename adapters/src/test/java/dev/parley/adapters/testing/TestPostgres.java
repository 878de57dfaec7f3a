package dev.parley.adapters.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One real PostgreSQL per test JVM, from the same Maven-packaged binaries Parley embeds; every
 * caller gets a fresh database in it, so test classes never see each other's rows.
 */
public final class TestPostgres {
  private static EmbeddedPostgres postgres;

  private TestPostgres() {}

  /** Starts the server on first use; it stops with the JVM. */
  public static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      File base = new File("target/test-postgres").getAbsoluteFile();
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(new File(base, "runtime"))
                .setDataDirectory(new File(base, "data-" + UUID.randomUUID()))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return postgres;
  }

  /** Creates an empty database and returns its JDBC URL. */
  public static String freshDatabaseUrl() {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database", e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** Micronaut properties that point the default datasource at a fresh database. */
  public static Map<String, String> freshDatasourceProperties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("datasources.default.url", freshDatabaseUrl());
    properties.put("datasources.default.username", "postgres");
    properties.put("datasources.default.password", "");
    return properties;
  }
}
