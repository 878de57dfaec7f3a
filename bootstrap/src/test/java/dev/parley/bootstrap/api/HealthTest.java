package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.tree.JsonNode;
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
    Fixtures fx = new Fixtures(api);
    long server = fx.server(user, "Outage");
    long channel = fx.channel(user, server, "general", "TEXT");
    WsClient ws = fx.gateway(user);
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
      // A socket send fails clearly: an error event, never an ack.
      ws.send(
          "{\"type\":\"send_message\",\"channelId\":"
              + channel
              + ",\"text\":\"lost?\",\"nonce\":\"o-1\"}");
      JsonNode error =
          ws.await(f -> !"new_message".equals(f.get("type").getStringValue()), "a reply");
      assertThat(error.get("type").getStringValue()).isEqualTo("error");
      assertThat(error.get("code").getStringValue()).isEqualTo("unavailable");
      assertThat(error.get("nonce").getStringValue()).isEqualTo("o-1");
    } finally {
      sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(api.get("/health", null).status()).isEqualTo(200));
    assertThat(api.get("/users/me", user.token()).status()).isEqualTo(200);
    // The retry with the same nonce now succeeds, once.
    ws.send(
        "{\"type\":\"send_message\",\"channelId\":"
            + channel
            + ",\"text\":\"lost?\",\"nonce\":\"o-1\"}");
    JsonNode ack = ws.await("message_ack");
    assertThat(ack.get("duplicate").getBooleanValue()).isFalse();
    assertThat(ack.get("seq").getLongValue()).isEqualTo(1);
    ws.close();
  }
}
