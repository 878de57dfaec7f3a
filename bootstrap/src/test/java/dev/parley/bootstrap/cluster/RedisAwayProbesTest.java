package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.bootstrap.support.Api;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A node whose Redis is away still serves its own clients: it stays ready (DEGRADED, 200) and
 * alive, and becomes plainly UP again when Redis returns.
 */
class RedisAwayProbesTest {

  private static String status(ParleyNode node, String path, int expectedCode) {
    Api.Response response = node.api.get(path, null);
    assertThat(response.status()).as(path + ": " + response).isEqualTo(expectedCode);
    return response.json().get("status").getStringValue();
  }

  @Test
  void aNodeWithoutRedisStaysReadyAndAlive() {
    try (TestRedis redis = TestRedis.start();
        ParleyNode node =
            ParleyNode.start(
                TestPostgres.freshDatabaseUrl(), redis.uri(), TestRedis.uniquePrefix())) {
      assertThat(status(node, "/health/readiness", 200)).isEqualTo("UP");

      redis.down();
      // The aggregate says DEGRADED once the node has noticed: readiness reports the same.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "DEGRADED".equals(status(node, "/health", 200)));
      assertThat(status(node, "/health/readiness", 200)).isEqualTo("DEGRADED");
      assertThat(status(node, "/health/liveness", 200)).isEqualTo("UP");

      redis.up();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> "UP".equals(status(node, "/health/readiness", 200)));
      assertThat(status(node, "/health/liveness", 200)).isEqualTo("UP");
    }
  }
}
