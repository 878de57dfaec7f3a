package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL restart under a running Parley, configured the production way through {@code
 * DATABASE_URL}: sends fail clearly while it is down, /health says 503, and everything recovers by
 * itself once it is back.
 */
class PostgresRestartTest {

  private static EmbeddedPostgres postgres(Path dataDir, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setOverrideWorkingDirectory(new File("target/test-postgres/runtime").getAbsoluteFile())
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void sendsFailWhileDownAndEverythingRecovers(@TempDir Path dataDir) throws Exception {
    int port = freePort();
    EmbeddedPostgres pg = postgres(dataDir, port);
    EmbeddedServer server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "database.url", "postgres://postgres@localhost:" + port + "/postgres",
                "parley.jwt-secret", ApiTestBase.SECRET,
                "parley.security.bcrypt-cost", "4",
                "datasources.default.connection-timeout", "1000",
                "micronaut.server.port", "-1"));
    try {
      Api api = new Api(server.getURI());
      Fixtures fx = new Fixtures(api);
      Session alice = api.newUser("restart");
      long serverId = fx.server(alice, "Restart");
      long channel = fx.channel(alice, serverId, "general", "TEXT");
      try (WsClient ws = fx.gateway(alice)) {
        pg.close();
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(api.get("/health", null).status()).isEqualTo(503));
        ws.send(
            "{\"type\":\"send_message\",\"channelId\":"
                + channel
                + ",\"text\":\"down\",\"nonce\":\"r-1\"}");
        JsonNode reply =
            ws.await(f -> !"new_message".equals(f.get("type").getStringValue()), "a reply");
        assertThat(reply.get("type").getStringValue()).isEqualTo("error");
        assertThat(reply.get("code").getStringValue()).isEqualTo("unavailable");

        pg = postgres(dataDir, port);
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(api.get("/health", null).status()).isEqualTo(200));
        ws.send(
            "{\"type\":\"send_message\",\"channelId\":"
                + channel
                + ",\"text\":\"down\",\"nonce\":\"r-1\"}");
        JsonNode ack = ws.await("message_ack");
        assertThat(ack.get("duplicate").getBooleanValue()).isFalse();
        assertThat(ack.get("seq").getLongValue()).isEqualTo(1);
      }
      // Data written before the restart is still there.
      assertThat(api.login(alice.username())).isNotBlank();
    } finally {
      server.getApplicationContext().close();
      pg.close();
    }
  }
}
