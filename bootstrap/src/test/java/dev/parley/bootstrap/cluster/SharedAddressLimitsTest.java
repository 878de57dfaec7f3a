package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Handshake;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one Redis hold the per-address and per-user limits once, not once per node: sign-ups
 * and login attempts per client address, and open sockets per user and per address. A trusted proxy
 * names each client's address, so every limit here starts fresh.
 */
class SharedAddressLimitsTest {
  private static final Map<String, Object> SMALL_LIMITS =
      Map.of(
          "parley.security.trust-forwarded-for", "true",
          "parley.security.registration.max-per-address", "2",
          "parley.security.registration.window", "1h",
          "parley.security.login.max-attempts-per-address", "4",
          "parley.security.login.address-window", "1h",
          "parley.socket.max-connections-per-user", "2",
          "parley.socket.max-connections-per-address", "3");

  private static String credentials(String name, String password) {
    return "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
  }

  private static Response post(ParleyNode node, String path, String json, String from) {
    return node.api.send("POST", path, "application/json", json, null, "X-Forwarded-For", from);
  }

  private static Handshake socket(ParleyNode node, String token, String from) throws IOException {
    return Handshake.send(node.api.base(), "/chat/ws?token=" + token, "X-Forwarded-For: " + from);
  }

  private static void assertLimited(int status, String body, String messagePart) {
    assertThat(status).as(body).isEqualTo(429);
    assertThat(Api.parse(body).get("message").getStringValue()).contains(messagePart);
  }

  @Test
  void signUpsLoginAttemptsAndSocketsAreLimitedOnceForBothNodes() throws Exception {
    String database = TestPostgres.freshDatabaseUrl();
    try (TestRedis redis = TestRedis.start();
        ParleyNode a = ParleyNode.start(database, redis.uri(), "addr:", SMALL_LIMITS);
        ParleyNode b = ParleyNode.start(database, redis.uri(), "addr:", SMALL_LIMITS)) {
      String home = "10.30.0.1";
      String name = Api.uniqueName("shared");
      assertThat(post(a, "/auth/register", credentials(name, "password123"), home).status())
          .isEqualTo(201);
      String second = Api.uniqueName("shared");
      assertThat(post(b, "/auth/register", credentials(second, "password123"), home).status())
          .isEqualTo(201);
      for (ParleyNode node : List.of(a, b)) {
        Response third =
            post(node, "/auth/register", credentials(Api.uniqueName("x"), "password123"), home);
        assertLimited(third.status(), third.body(), "sign-ups");
      }

      String guesser = "10.30.0.2";
      for (int i = 0; i < 4; i++) {
        ParleyNode node = i % 2 == 0 ? a : b;
        assertThat(post(node, "/auth/login", credentials(name, "wrong-" + i), guesser).status())
            .isEqualTo(401);
      }
      for (ParleyNode node : List.of(a, b)) {
        Response over = post(node, "/auth/login", credentials(name, "password123"), guesser);
        assertLimited(over.status(), over.body(), "login attempts");
      }

      Response login = post(b, "/auth/login", credentials(name, "password123"), "10.30.0.3");
      assertThat(login.status()).as(login.toString()).isEqualTo(200);
      String token = login.json().get("access_token").getStringValue();
      try (Handshake onA = socket(a, token, "10.30.1.1");
          Handshake onB = socket(b, token, "10.30.1.2")) {
        assertThat(List.of(onA.status(), onB.status())).containsOnly(101);
        // Counted once registered, a moment after the 101: the first frame proves it.
        assertThat(onA.firstFrame(10_000)).contains("\"connected\"");
        assertThat(onB.firstFrame(10_000)).contains("\"connected\"");
        for (ParleyNode node : List.of(a, b)) {
          try (Handshake third = socket(node, token, "10.30.1.3")) {
            assertLimited(third.status(), third.body(), "for this account");
          }
        }
        onA.close();
        // The close reaches node A asynchronously; then node B has room again.
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> opens(b, token));
      }
    }
  }

  private static boolean opens(ParleyNode node, String token) throws IOException {
    try (Handshake attempt = socket(node, token, "10.30.1.4")) {
      return attempt.status() == 101;
    }
  }
}
