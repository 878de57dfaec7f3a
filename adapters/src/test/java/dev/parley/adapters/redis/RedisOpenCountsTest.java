package dev.parley.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestRedis;
import dev.parley.application.contract.OpenCountsContract;
import dev.parley.application.port.out.OpenCounts;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link OpenCountsContract} against the Redis counts on a real Redis, and checks what
 * only shared counts must do: a cap holds across nodes, a crashed node's sockets stop counting
 * after the TTL, and a node decides alone while Redis is away, then puts its counts back.
 */
class RedisOpenCountsTest extends OpenCountsContract {
  private static final Duration TTL = Duration.ofSeconds(2);

  private final String prefix = TestRedis.uniquePrefix();
  private final List<RedisClient> clients = new ArrayList<>();
  private final List<RedisLink> links = new ArrayList<>();
  private final RedisOpenCounts counts = node(TestRedis.shared());

  private RedisOpenCounts node(TestRedis redis) {
    RedisClient client = RedisClient.create(redis.uri());
    clients.add(client);
    RedisLink link =
        new RedisLink(
            client,
            prefix,
            Duration.ofSeconds(1),
            Duration.ofMillis(200),
            new SimpleMeterRegistry());
    links.add(link);
    return new RedisOpenCounts(link, TTL);
  }

  @AfterEach
  void closeClients() {
    links.forEach(RedisLink::close);
    clients.forEach(RedisClient::shutdown);
  }

  @Override
  protected OpenCounts counts() {
    return counts;
  }

  @Test
  void aCapHoldsForAllNodesTogether() {
    RedisOpenCounts other = node(TestRedis.shared());
    assertThat(counts.tryOpen("user:1", 3)).isTrue();
    assertThat(other.tryOpen("user:1", 3)).isTrue();
    assertThat(other.tryOpen("user:1", 3)).isTrue();
    assertThat(counts.tryOpen("user:1", 3)).isFalse();
    assertThat(other.tryOpen("user:1", 3)).isFalse();
    assertThat(counts.open("user:1")).isEqualTo(3);

    other.close("user:1");
    assertThat(counts.tryOpen("user:1", 3)).isTrue();
    assertThat(other.open("user:1")).isEqualTo(3);
  }

  @Test
  void aCrashedNodesSocketsStopCounting() {
    RedisOpenCounts crashing = node(TestRedis.shared());
    assertThat(crashing.tryOpen("user:5", 2)).isTrue();
    assertThat(crashing.tryOpen("user:5", 2)).isTrue();
    assertThat(counts.tryOpen("user:5", 2)).isFalse();

    crashing.stopHeartbeat(); // no clean shutdown: its liveness key just stops being renewed

    await().atMost(TTL.multipliedBy(3)).until(() -> counts.tryOpen("user:5", 2));
    assertThat(counts.open("user:5")).isEqualTo(1);
  }

  @Test
  void aNodeDecidesAloneWhileRedisIsAwayAndPutsItsCountsBack() {
    try (TestRedis own = TestRedis.start()) {
      RedisOpenCounts a = node(own);
      RedisOpenCounts b = node(own);
      assertThat(b.tryOpen("user:2", 2)).isTrue();

      own.down();
      await().atMost(Duration.ofSeconds(5)).until(() -> !links.get(links.size() - 1).isUp());
      // Alone, a node holds the cap for its own sockets only.
      assertThat(a.tryOpen("user:2", 2)).isTrue();
      assertThat(a.tryOpen("user:2", 2)).isTrue();
      assertThat(a.tryOpen("user:2", 2)).isFalse();

      own.up(); // back empty, as a restarted Redis without persistence
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(b.open("user:2")).isEqualTo(3));
      assertThat(b.tryOpen("user:2", 3)).isFalse();
      a.close("user:2");
      assertThat(b.tryOpen("user:2", 3)).isTrue();
    }
  }
}
