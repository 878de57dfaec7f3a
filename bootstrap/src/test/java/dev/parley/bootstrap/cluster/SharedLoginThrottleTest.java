package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one Redis count an (account, address) pair's failed logins together: {@link
 * #PAIR_LIMIT} failures spread over both nodes spend the allowance on each. With Redis down, each
 * node still applies the limit from its own memory. The account-wide ceiling is shared too.
 */
class SharedLoginThrottleTest {
  private static final int PAIR_LIMIT = 3;

  /**
   * A pair allowance that does not refill while the test runs, and an account ceiling and
   * per-address attempt limit out of the way, so only the pair's allowance is seen.
   */
  private static final Map<String, Object> SMALL_THROTTLE =
      Map.of(
          "parley.security.trust-forwarded-for",
          "true",
          "parley.security.login.max-failures-per-account-and-address",
          Integer.toString(PAIR_LIMIT),
          "parley.security.login.failure-window",
          "30m",
          "parley.security.login.max-failures-per-account",
          "1000",
          "parley.security.login.max-attempts-per-address",
          "1000");

  private static int login(ParleyNode node, String name, String password, String from) {
    String json = "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
    return node.api
        .send("POST", "/auth/login", "application/json", json, null, "X-Forwarded-For", from)
        .status();
  }

  private static String health(ParleyNode node) {
    return node.api.get("/health", null).json().get("status").getStringValue();
  }

  @Test
  void failuresOnBothNodesAddUpAndRedisDownFallsBackToTheNodesOwn() {
    String database = TestPostgres.freshDatabaseUrl();
    try (TestRedis redis = TestRedis.start();
        ParleyNode a = ParleyNode.start(database, redis.uri(), "login:", SMALL_THROTTLE);
        ParleyNode b = ParleyNode.start(database, redis.uri(), "login:", SMALL_THROTTLE)) {
      String alice = a.api.newUser("alice").username();
      String attacker = "10.30.0.1";

      // Two failures on A, one on B: neither node alone has reached the limit.
      assertThat(login(a, alice, "wrong", attacker)).isEqualTo(401);
      assertThat(login(b, alice, "wrong", attacker)).isEqualTo(401);
      assertThat(login(a, alice, "wrong", attacker)).isEqualTo(401);
      // Together they have, on either node, even with the right password.
      assertThat(login(b, alice, "password123", attacker)).as("B after 3 shared").isEqualTo(429);
      assertThat(login(a, alice, "password123", attacker)).as("A after 3 shared").isEqualTo(429);
      // Another address is not the guessing one.
      assertThat(login(b, alice, "password123", "10.30.0.2")).isEqualTo(200);

      redis.down();
      await().atMost(Duration.ofSeconds(10)).until(() -> "DEGRADED".equals(health(a)));
      String bob = a.api.newUser("bob").username();
      for (int i = 0; i < PAIR_LIMIT; i++) {
        assertThat(login(a, bob, "wrong", attacker)).as("failure %d on A", i).isEqualTo(401);
      }
      assertThat(login(a, bob, "password123", attacker))
          .as("the node's own limit while Redis is down")
          .isEqualTo(429);
    }
  }

  @Test
  void theAccountCeilingCountsFailuresFromEveryNode() {
    Map<String, Object> settings = new HashMap<>(SMALL_THROTTLE);
    settings.put("parley.security.login.max-failures-per-account", "3");
    settings.put("parley.security.login.account-failure-window", "30m");
    settings.put("parley.security.login.ceiling-delay", "50ms");
    String database = TestPostgres.freshDatabaseUrl();
    try (TestRedis redis = TestRedis.start();
        ParleyNode a = ParleyNode.start(database, redis.uri(), "ceiling:", settings);
        ParleyNode b = ParleyNode.start(database, redis.uri(), "ceiling:", settings)) {
      String carol = a.api.newUser("carol").username();
      // One failure from each of three addresses, over both nodes: the account's ceiling.
      assertThat(login(a, carol, "wrong", "10.31.0.1")).isEqualTo(401);
      assertThat(login(b, carol, "wrong", "10.31.0.2")).isEqualTo(401);
      assertThat(login(a, carol, "wrong", "10.31.0.3")).isEqualTo(401);
      // An address that already failed gets no second guess, on the node that never saw it fail.
      assertThat(login(b, carol, "wrong", "10.31.0.1")).as("failed address on B").isEqualTo(429);
      // A clean address still gets its guess, and the owner gets in.
      assertThat(login(b, carol, "wrong", "10.31.0.4")).isEqualTo(401);
      assertThat(login(a, carol, "password123", "10.31.0.5")).isEqualTo(200);
    }
  }
}
