package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.ParleyProcess;
import dev.parley.bootstrap.support.RawSocket;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM turns readiness off before any socket is told to go, and liveness stays up. */
class DrainReadinessTest {

  @Test
  void readinessFailsBeforeTheSocketsAreClosedWhileLivenessStaysUp() throws Exception {
    int port = ParleyProcess.freePort();
    Map<String, String> p = new HashMap<>();
    p.put("datasources.default.url", TestPostgres.freshDatabaseUrl());
    p.put("datasources.default.username", "postgres");
    p.put("datasources.default.password", "");
    p.put("parley.jwt-secret", ApiTestBase.SECRET);
    p.put("parley.security.bcrypt-cost", "4");
    p.put("parley.demo-data", "false");
    p.put("micronaut.server.port", Integer.toString(port));
    // The client below never answers the close frame, so the drain stays in its socket phase
    // (bounded by LiveSockets' own 10 s) with the HTTP server still answering.
    p.put("parley.socket.close-linger", "30s");
    Process server = ParleyProcess.spawn(p, new File("target/drain-probe-" + port + ".log"));
    try {
      Api api = ParleyProcess.awaitHealthy(port, server, Duration.ofSeconds(60));
      assertThat(api.get("/health/readiness", null).status()).isEqualTo(200);
      Api.Session user = api.newUser("drained");
      try (RawSocket socket = RawSocket.connect(api.base(), "/chat/ws?token=" + user.token(), 0)) {
        while (!socket.readFrame().text().contains("\"connected\"")) {
          // until registered among the live sockets
        }
        server.destroy(); // SIGTERM
        assertThat(socket.readUntilClose()).isEqualTo(1001);
        // No waiting: the drain turned readiness off before it sent this close frame.
        assertThat(api.get("/health/readiness", null).status()).isEqualTo(503);
        assertThat(api.get("/health/liveness", null).status()).isEqualTo(200);
        assertThat(api.get("/health", null).status()).isEqualTo(503);
      }
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      server.destroyForcibly();
    }
  }
}
