package dev.parley.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestRedis;
import dev.parley.application.contract.PresenceStoreContract;
import dev.parley.application.port.out.PresenceStore;
import dev.parley.domain.server.Presence;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link PresenceStoreContract} against the Redis store on a real Redis, and checks what
 * only a shared store must do: nodes see each other's users, a crashed node's users go offline
 * after the TTL, and a node keeps answering alone while Redis is away.
 */
class RedisPresenceStoreTest extends PresenceStoreContract {
  private static final Duration TTL = Duration.ofSeconds(2);

  private final String prefix = TestRedis.uniquePrefix();
  private final List<RedisClient> clients = new ArrayList<>();
  private final List<RedisLink> links = new ArrayList<>();
  private final RedisPresenceStore presence = node(TestRedis.shared());

  private RedisPresenceStore node(TestRedis redis) {
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
    return new RedisPresenceStore(link, TTL);
  }

  @AfterEach
  void closeClients() {
    links.forEach(RedisLink::close);
    clients.forEach(RedisClient::shutdown);
  }

  @Override
  protected PresenceStore presence() {
    return presence;
  }

  private static String statusOf(PresenceStore store, long userId) {
    return store.statuses(List.of(userId)).get(userId);
  }

  @Test
  void nodesSeeEachOthersUsersAndCountsAddUp() {
    RedisPresenceStore other = node(TestRedis.shared());
    presence.connected(1);
    assertThat(statusOf(other, 1)).isEqualTo(Presence.ONLINE);
    assertThat(other.connected(1)).isEqualTo(2);

    other.setChosenStatus(1, Presence.DND);
    assertThat(statusOf(presence, 1)).isEqualTo(Presence.DND);

    assertThat(presence.disconnected(1)).isEqualTo(1);
    assertThat(statusOf(presence, 1)).isEqualTo(Presence.DND);
    assertThat(other.disconnected(1)).isZero();
    assertThat(statusOf(presence, 1)).isEqualTo(Presence.OFFLINE);
  }

  @Test
  void aCrashedNodesUsersGoOfflineByThemselves() {
    RedisPresenceStore crashing = node(TestRedis.shared());
    crashing.connected(5);
    presence.connected(6);
    assertThat(statusOf(presence, 5)).isEqualTo(Presence.ONLINE);

    crashing.stopHeartbeat(); // no clean shutdown: its liveness key just stops being renewed

    await()
        .atMost(TTL.multipliedBy(3))
        .untilAsserted(() -> assertThat(statusOf(presence, 5)).isEqualTo(Presence.OFFLINE));
    assertThat(statusOf(presence, 6)).isEqualTo(Presence.ONLINE);
  }

  @Test
  void aNodeAnswersAloneWhileRedisIsAwayAndRepublishesWhenItReturns() {
    try (TestRedis own = TestRedis.start()) {
      RedisPresenceStore a = node(own);
      RedisPresenceStore b = node(own);
      a.connected(1);
      b.connected(2);
      assertThat(statusOf(a, 2)).isEqualTo(Presence.ONLINE);

      own.down();
      await().atMost(Duration.ofSeconds(5)).until(() -> !links.get(links.size() - 1).isUp());
      // Alone, each node knows its own users.
      assertThat(a.connected(3)).isEqualTo(1);
      a.setChosenStatus(3, Presence.IDLE);
      assertThat(statusOf(a, 3)).isEqualTo(Presence.IDLE);
      assertThat(statusOf(a, 2)).isEqualTo(Presence.OFFLINE);

      own.up(); // back empty, as a restarted Redis without persistence
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(statusOf(b, 1)).isEqualTo(Presence.ONLINE);
                assertThat(statusOf(b, 3)).isEqualTo(Presence.IDLE);
                assertThat(statusOf(a, 2)).isEqualTo(Presence.ONLINE);
              });
      assertThat(a.disconnected(1)).isZero();
      assertThat(statusOf(b, 1)).isEqualTo(Presence.OFFLINE);
    }
  }
}
