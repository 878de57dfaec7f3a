package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.ParleyProcess;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What happens to sockets and messages when the server stops, politely or not. */
class ShutdownAndCrashTest {

  /** A Parley in its own JVM on {@code databaseUrl}, so it can be killed with SIGKILL. */
  private static Process spawn(String databaseUrl, int port) throws IOException {
    Map<String, String> p = new HashMap<>();
    p.put("datasources.default.url", databaseUrl);
    p.put("datasources.default.username", "postgres");
    p.put("datasources.default.password", "");
    p.put("parley.jwt-secret", ApiTestBase.SECRET);
    p.put("parley.security.bcrypt-cost", "4");
    p.put("parley.demo-data", "false");
    p.put("micronaut.server.port", Integer.toString(port));
    return ParleyProcess.spawn(p, new File("target/crash-test-" + port + ".log"));
  }

  private static int freePort() throws IOException {
    return ParleyProcess.freePort();
  }

  private static Api awaitHealthy(int port, Process process) throws InterruptedException {
    return ParleyProcess.awaitHealthy(port, process, Duration.ofSeconds(60));
  }

  @Test
  void sigtermClosesSocketsWithGoingAwayAndExits() throws Exception {
    int port = freePort();
    Process server = spawn(TestPostgres.freshDatabaseUrl(), port);
    try {
      Api api = awaitHealthy(port, server);
      Session alice = api.newUser("leaving");
      try (WsClient ws = new Fixtures(api).gateway(alice)) {
        server.destroy(); // SIGTERM
        assertThat(ws.awaitClose()).isEqualTo(1001);
      }
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void afterKillNineEveryAcknowledgedMessageIsStoredExactlyOnceAndRetriesFillTheRest()
      throws Exception {
    String url = TestPostgres.freshDatabaseUrl();
    int port = freePort();
    Process first = spawn(url, port);
    int total = 400;
    Map<String, Long> acked = new HashMap<>();
    Session alice;
    long channel;
    try {
      Api api = awaitHealthy(port, first);
      alice = api.newUser("crash");
      Fixtures fx = new Fixtures(api);
      long server = fx.server(alice, "Crash");
      channel = fx.channel(alice, server, "general", "TEXT");
      try (WsClient ws = fx.gateway(alice)) {
        for (int i = 0; i < total; i++) {
          ws.send(
              "{\"type\":\"send_message\",\"channelId\":"
                  + channel
                  + ",\"text\":\"burst "
                  + i
                  + "\",\"nonce\":\"k-"
                  + i
                  + "\"}");
        }
        // Kill the server mid-burst, once some acks are in.
        while (acked.size() < 50) {
          JsonNode frame = ws.next(Duration.ofSeconds(10));
          assertThat(frame).as("acks stopped coming").isNotNull();
          if ("message_ack".equals(frame.get("type").getStringValue())) {
            acked.put(frame.get("nonce").getStringValue(), frame.get("id").getLongValue());
          }
        }
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // Acks already on the wire still count: the server sent them after the commit.
        JsonNode late;
        while ((late = ws.next(Duration.ofMillis(500))) != null) {
          if ("message_ack".equals(late.get("type").getStringValue())) {
            acked.put(late.get("nonce").getStringValue(), late.get("id").getLongValue());
          }
        }
      }
    } finally {
      first.destroyForcibly();
    }
    assertThat(acked.size()).isBetween(50, total - 1);

    Map<String, Long> stored = new HashMap<>();
    List<Long> seqs = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(url, "postgres", "");
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT nonce, id, seq FROM messages WHERE channel_id = "
                    + channel
                    + " ORDER BY seq")) {
      while (rs.next()) {
        assertThat(stored.put(rs.getString(1), rs.getLong(2))).as("duplicate nonce").isNull();
        seqs.add(rs.getLong(3));
      }
    }
    acked.forEach((nonce, id) -> assertThat(stored.get(nonce)).as(nonce).isEqualTo(id));
    assertThat(seqs)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());

    // A restarted server and a client retrying everything with the same nonces: each exactly once.
    Process second = spawn(url, port);
    try {
      Api api = awaitHealthy(port, second);
      String token = api.login(alice.username());
      int duplicates = 0;
      try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?token=" + token)) {
        ws.await("connected");
        for (int i = 0; i < total; i++) {
          ws.send(
              "{\"type\":\"send_message\",\"channelId\":"
                  + channel
                  + ",\"text\":\"burst "
                  + i
                  + "\",\"nonce\":\"k-"
                  + i
                  + "\"}");
        }
        int acks = 0;
        while (acks < total) {
          JsonNode frame = ws.await("message_ack");
          acks++;
          String nonce = frame.get("nonce").getStringValue();
          if (frame.get("duplicate").getBooleanValue()) {
            duplicates++;
            assertThat(frame.get("id").getLongValue()).isEqualTo(stored.get(nonce));
          }
        }
      }
      assertThat(duplicates).isEqualTo(stored.size());
      try (Connection db = DriverManager.getConnection(url, "postgres", "");
          Statement st = db.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*), count(DISTINCT nonce), max(seq) FROM messages WHERE channel_id = "
                      + channel)) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(total);
        assertThat(rs.getLong(2)).isEqualTo(total);
        assertThat(rs.getLong(3)).isEqualTo(total);
      }
    } finally {
      second.destroyForcibly();
    }
  }
}
