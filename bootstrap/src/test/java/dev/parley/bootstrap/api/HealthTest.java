package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /health follows the database, and the server recovers by itself when it returns. */
@MicronautTest(transactional = false)
class HealthTest extends ApiTestBase {
  @Value("${datasources.default.url}")
  String url;

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of("datasources.default.connection-timeout", "1000");
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  void reports503WhileTheDatabaseIsAwayAndRecovers() throws SQLException {
    Api.Session user = api.newUser("healthy");
    assertThat(api.get("/health", null).status()).isEqualTo(200);
    String database =
        url.replaceAll("\\?.*", "").substring(url.replaceAll("\\?.*", "").lastIndexOf('/') + 1);

    sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
    sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + database
            + "'");
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(api.get("/health", null).status()).isEqualTo(503));
      Api.Response during = api.get("/users/me", user.token());
      assertThat(during.status()).as(during.toString()).isEqualTo(503);
      assertThat(during.json().get("error").getStringValue()).isEqualTo("unavailable");
    } finally {
      sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(api.get("/health", null).status()).isEqualTo(200));
    assertThat(api.get("/users/me", user.token()).status()).isEqualTo(200);
  }
}
