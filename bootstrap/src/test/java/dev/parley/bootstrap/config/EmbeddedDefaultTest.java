package dev.parley.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default run: no database configured, so Parley runs its own PostgreSQL in the data dir. */
class EmbeddedDefaultTest {

  private static EmbeddedServer start(Path dataDir) {
    return ApplicationContext.run(
        EmbeddedServer.class,
        Map.of(
            "parley.data-dir", dataDir.toString(),
            "micronaut.server.port", "-1",
            "parley.security.bcrypt-cost", "4"));
  }

  /**
   * zonky's defaults (fsync and synchronous_commit off) lose acked commits when PostgreSQL is
   * killed; the embedded server must run with both on, and full-page writes, whatever zonky does.
   */
  private static void assertFlushesEveryCommit(EmbeddedDatabase embedded) throws SQLException {
    try (Connection db = DriverManager.getConnection(embedded.jdbcUrl());
        Statement st = db.createStatement()) {
      for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).as(setting).isEqualTo("on");
        }
      }
    }
  }

  @Test
  void startsOnItsOwnDatabaseAndKeepsAccountsAcrossRestarts(@TempDir Path dataDir)
      throws SQLException {
    String name = Api.uniqueName("persisted");
    String firstToken;
    try (EmbeddedServer server = start(dataDir)) {
      Api api = new Api(server.getURI());
      assertThat(api.get("/health", null).status()).isEqualTo(200);
      assertThat(
              api.post(
                      "/auth/register",
                      "{\"username\":\"" + name + "\",\"password\":\"password123\"}",
                      null)
                  .status())
          .isEqualTo(201);
      firstToken = api.login(name);
      assertFlushesEveryCommit(server.getApplicationContext().getBean(EmbeddedDatabase.class));
    }
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    // PostgreSQL's own chatter (initdb, the server's start) is kept in the data dir.
    assertThat(EmbeddedDatabase.logFile(dataDir)).content().contains("ready to accept connections");
    assertThat(dataDir.resolve("jwt-secret")).exists();

    try (EmbeddedServer server = start(dataDir)) {
      Api api = new Api(server.getURI());
      assertThat(api.login(name)).isNotBlank();
      // Same secret after a restart: tokens issued before it stay valid.
      assertThat(api.get("/users/me", firstToken).status()).isEqualTo(200);
    }
    assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
  }
}
