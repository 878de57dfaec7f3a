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

/**
 * /health/liveness and /health/readiness: anyone may ask, neither says more than its status, and
 * only readiness follows the database.
 */
@MicronautTest(transactional = false)
class ProbesTest extends ApiTestBase {
  private static final String LIVENESS = "/health/liveness";
  private static final String READINESS = "/health/readiness";

  @Value("${datasources.default.url}")
  String url;

  @Override
  protected Map<String, String> extraProperties() {
    // The readiness check waits for a pool connection at most this long while the database is away.
    return Map.of("datasources.default.connection-timeout", "1000");
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Anonymous (no token), so a kubelet or a balancer can ask. */
  private int status(String path) {
    return api.get(path, null).status();
  }

  @Test
  void anonymousCallersGetTheStatusAndNoDetails() {
    for (String path : new String[] {LIVENESS, READINESS}) {
      Api.Response response = api.get(path, null);
      assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
      assertThat(response.json().get("status").getStringValue()).as(path).isEqualTo("UP");
      // details-visible NEVER: no indicator names, pool or disk figures for the anonymous.
      assertThat(response.json().get("details").isNull()).as(path + ": " + response).isTrue();
    }
  }

  @Test
  void livenessStaysUpWhileReadinessFailsWithTheDatabaseAwayAndBothRecover() throws SQLException {
    assertThat(status(LIVENESS)).isEqualTo(200);
    assertThat(status(READINESS)).isEqualTo(200);
    String path = url.replaceAll("\\?.*", "");
    String database = path.substring(path.lastIndexOf('/') + 1);

    sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
    sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + database
            + "'");
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(status(READINESS)).isEqualTo(503));
      // The aggregate sees the same outage: /health stays as it was, all indicators.
      assertThat(status("/health")).isEqualTo(503);
      // A restart would not bring the database back: liveness does not ask it.
      assertThat(status(LIVENESS)).isEqualTo(200);
    } finally {
      sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(status(READINESS)).isEqualTo(200));
    assertThat(status(LIVENESS)).isEqualTo(200);
  }
}
