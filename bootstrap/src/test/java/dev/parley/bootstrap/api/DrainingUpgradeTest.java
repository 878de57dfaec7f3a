package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Handshake;
import dev.parley.bootstrap.support.ParleyProcess;
import dev.parley.bootstrap.support.RawSocket;
import io.micronaut.json.tree.JsonNode;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A draining node refuses new socket upgrades with 503 {@code unavailable} (a load balancer then
 * tries another node), while REST requests still get their answers until the HTTP server stops.
 */
class DrainingUpgradeTest {

  @Test
  void upgradesAreRefusedWith503OnceTheDrainHasBegun() throws Exception {
    int port = ParleyProcess.freePort();
    Map<String, String> p = new HashMap<>(TestPostgres.freshDatasourceProperties());
    p.put("parley.jwt-secret", ApiTestBase.SECRET);
    p.put("parley.security.bcrypt-cost", "4");
    p.put("parley.demo-data", "false");
    p.put("micronaut.server.port", Integer.toString(port));
    // The held socket below never answers the close frame, which keeps the drain in its socket
    // phase (bounded by LiveSockets' own 10 s) with the HTTP server still answering.
    p.put("parley.socket.close-linger", "30s");
    Process server = ParleyProcess.spawn(p, new File("target/draining-upgrade-" + port + ".log"));
    try {
      Api api = ParleyProcess.awaitHealthy(port, server, Duration.ofSeconds(60));
      Api.Session user = api.newUser("drainup");
      String path = "/chat/ws?token=" + user.token();
      try (Handshake before = Handshake.send(api.base(), path)) {
        assertThat(before.status()).as("an upgrade before the drain").isEqualTo(101);
      }
      try (RawSocket held = RawSocket.connect(api.base(), path, 0)) {
        while (!held.readFrame().text().contains("\"connected\"")) {
          // until registered among the live sockets
        }
        server.destroy(); // SIGTERM
        assertThat(held.readUntilClose()).isEqualTo(1001);

        // The drain has begun (the 1001 above comes after it): upgrades get a 503 with the usual
        // error body, with a token or without one.
        for (String upgrade : new String[] {path, "/chat/ws"}) {
          try (Handshake refused = Handshake.send(api.base(), upgrade)) {
            assertThat(refused.status()).as(upgrade).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.header("Content-Type")).startsWith("application/json");
            JsonNode body = Api.parse(refused.body());
            assertThat(body.get("error").getStringValue()).isEqualTo("unavailable");
            assertThat(body.get("message").getStringValue()).contains("shutting down");
          }
        }
        // The other socket surfaces too.
        try (Handshake classic = Handshake.send(api.base(), "/ws/1/1/1?token=" + user.token())) {
          assertThat(classic.status()).isEqualTo(503);
        }
        // REST is not refused: requests in flight and new ones are answered while draining.
        assertThat(api.get("/users/me", user.token()).status()).isEqualTo(200);
      }
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      server.destroyForcibly();
    }
  }
}
