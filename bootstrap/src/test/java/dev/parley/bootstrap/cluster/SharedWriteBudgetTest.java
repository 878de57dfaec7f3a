package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one Redis draw a user's writes from one budget (a burst of {@link #BURST}, one a
 * second back): half spent on each node leaves nothing on either. With Redis down, each node still
 * applies the limit from its own memory.
 */
class SharedWriteBudgetTest {
  private static final int BURST = 10;
  private static final Map<String, Object> SMALL_BUDGET =
      Map.of(
          "parley.socket.rate-per-second",
          "1",
          "parley.socket.rate-burst",
          Integer.toString(BURST));

  private record Place(ParleyNode node, long server, long channel) {}

  private static Api.Response post(ParleyNode node, Place place, Session user, String text) {
    return node.fx.send(user, place.server(), place.channel(), text);
  }

  private static String health(ParleyNode node) {
    return node.api.get("/health", null).json().get("status").getStringValue();
  }

  @Test
  void halfOnEachNodeSpendsTheWholeBudgetAndRedisDownFallsBackToTheNodesOwn() {
    String database = TestPostgres.freshDatabaseUrl();
    try (TestRedis redis = TestRedis.start();
        ParleyNode a = ParleyNode.start(database, redis.uri(), "budget:", SMALL_BUDGET);
        ParleyNode b = ParleyNode.start(database, redis.uri(), "budget:", SMALL_BUDGET)) {
      Session owner = a.api.newUser("owner");
      long server = a.fx.server(owner, "Shared budget");
      long channel = a.fx.channel(owner, server, "general", "TEXT");
      Place place = new Place(a, server, channel);
      Session alice = a.api.newUser("alice");
      a.fx.member(owner, server, alice);

      for (int i = 0; i < BURST / 2; i++) {
        assertThat(post(a, place, alice, "on a " + i).status()).isEqualTo(201);
        assertThat(post(b, place, alice, "on b " + i).status()).isEqualTo(201);
      }
      // Each node alone would still have half the burst; together it is spent (a token or two
      // may have come back meanwhile, so a few tries).
      List<Integer> next = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        next.add(post(i % 2 == 0 ? a : b, place, alice, "over " + i).status());
      }
      assertThat(next).as("writes past the shared budget").contains(429);

      redis.down();
      await().atMost(Duration.ofSeconds(10)).until(() -> "DEGRADED".equals(health(a)));
      Session bob = a.api.newUser("bob");
      a.fx.member(owner, server, bob);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < BURST + 20 && !statuses.contains(429); i++) {
        statuses.add(post(a, place, bob, "redis down " + i).status());
      }
      assertThat(statuses).as("the node's own limit while Redis is down").contains(429);
      assertThat(statuses.stream().filter(s -> s == 201).count())
          .isBetween((long) BURST, BURST + 5L);
    }
  }
}
