package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Messages, edits and reactions made on both nodes while Redis is away reach the other node's
 * clients once it is back, from PostgreSQL's change log: each exactly once, none left out.
 */
class RedisOutageRepairTest {
  private static final Set<String> CHANGES =
      Set.of(
          "new_message",
          "message_updated",
          "message_deleted",
          "reaction_added",
          "reaction_removed");

  private static String send(long channel, String text, String nonce) {
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":"
        + Api.json(text)
        + ",\"nonce\":\""
        + nonce
        + "\"}";
  }

  private static boolean isChange(JsonNode frame) {
    return CHANGES.contains(frame.get("type").getStringValue());
  }

  private static String health(ParleyNode node) {
    return node.api.get("/health", null).json().get("status").getStringValue();
  }

  /** One client's socket, with every change frame and ack it received, none skipped. */
  private record Client(WsClient ws, List<JsonNode> changes, List<JsonNode> acks) {
    Client(WsClient ws) {
      this(ws, new ArrayList<>(), new ArrayList<>());
    }

    /** Reads frames until {@code done} holds; fails after a generous bound. */
    void readUntil(BooleanSupplier done, String what) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!done.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no " + what + "; changes so far " + positions());
        }
        JsonNode frame = ws.next(Duration.ofMillis(200));
        if (frame == null) {
          continue;
        }
        if (isChange(frame)) {
          changes.add(frame);
        } else if ("message_ack".equals(frame.get("type").getStringValue())) {
          acks.add(frame);
        }
      }
    }

    List<Long> positions() {
      return changes.stream().map(f -> f.get("pos").getLongValue()).toList();
    }

    /** Every position up to {@code lastPos} seen. */
    boolean hasAllUpTo(long lastPos) {
      return positions().containsAll(LongStream.rangeClosed(1, lastPos).boxed().toList());
    }
  }

  @Test
  void whatEachNodeMissedArrivesOnceAfterRedisReturns() {
    String database = TestPostgres.freshDatabaseUrl();
    try (TestRedis redis = TestRedis.start();
        ParleyNode a = ParleyNode.start(database, redis.uri(), "repair:");
        ParleyNode b = ParleyNode.start(database, redis.uri(), "repair:")) {
      Session alice = a.api.newUser("alice");
      Session bob = b.api.newUser("bob");
      Session carol = b.api.newUser("carol");
      long server = a.fx.server(alice, "Repair");
      long channel = a.fx.channel(alice, server, "general", "TEXT");
      a.fx.member(alice, server, bob);
      a.fx.member(alice, server, carol);
      Client aliceOnA;
      Client bobOnB;
      Client carolOnB;
      try (WsClient aliceWs = a.fx.gateway(alice);
          WsClient bobWs = b.fx.gateway(bob)) {
        aliceOnA = new Client(aliceWs);
        bobOnB = new Client(bobWs);
        aliceWs.send(send(channel, "before", "r-0"));
        aliceOnA.readUntil(() -> aliceOnA.acks().size() == 1, "ack of the first message");
        long first = aliceOnA.acks().get(0).get("id").getLongValue();
        bobOnB.readUntil(() -> bobOnB.hasAllUpTo(1), "the first message on B");

        redis.down();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DEGRADED".equals(health(a)));
        await().atMost(Duration.ofSeconds(15)).until(() -> "DEGRADED".equals(health(b)));

        // Both nodes take writes during the outage: messages, an edit, a reaction.
        for (int i = 1; i <= 10; i++) {
          aliceWs.send(send(channel, "A during " + i, "ra-" + i));
          bobWs.send(send(channel, "B during " + i, "rb-" + i));
        }
        aliceOnA.readUntil(() -> aliceOnA.acks().size() == 11, "acks on A");
        bobOnB.readUntil(() -> bobOnB.acks().size() == 10, "acks on B");
        a.api.patch("/chat/messages/" + first, "{\"text\":\"before, edited\"}", alice.token());
        String thumbs = URLEncoder.encode("👍", StandardCharsets.UTF_8);
        b.api.put("/chat/messages/" + first + "/reactions/" + thumbs, "{}", bob.token());
        long lastPos =
            a.api
                .get(
                    "/chat/servers/" + server + "/channels/" + channel + "/changes?limit=500",
                    alice.token())
                .json()
                .get("last_pos")
                .getLongValue();
        assertThat(lastPos).as("1 + 20 messages, an edit, a reaction").isEqualTo(23);
        // While Redis is away, each node's clients lack what the other node committed.
        assertThat(aliceOnA.hasAllUpTo(lastPos)).isFalse();
        // A client that reconnects to B meanwhile gets all of it by resume, from the log; the
        // repair later must not send it the same changes again.
        WsClient carolWs =
            WsClient.connect(b.api.base(), "/chat/ws?resume=1&token=" + carol.token());
        carolOnB = new Client(carolWs);
        carolWs.await("connected");
        carolWs.send("{\"type\":\"resume\",\"channels\":{\"" + channel + "\":0}}");
        carolOnB.readUntil(() -> carolOnB.positions().contains(lastPos), "the replay on B");

        redis.up();
        aliceOnA.readUntil(() -> aliceOnA.hasAllUpTo(lastPos), "every change on A");
        bobOnB.readUntil(() -> bobOnB.hasAllUpTo(lastPos), "every change on B");
        // Give any duplicate a chance to show up: later repair runs must add nothing.
        long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        aliceOnA.readUntil(() -> System.nanoTime() > settle, "a quiet moment");
        bobOnB.readUntil(() -> System.nanoTime() > settle, "a quiet moment");
        carolOnB.readUntil(() -> System.nanoTime() > settle, "a quiet moment");
        carolWs.close();
      }
      // The replay folds the edit (22) into the first message, which it shows as it is now.
      assertThat(carolOnB.positions())
          .containsExactlyInAnyOrderElementsOf(
              LongStream.rangeClosed(1, 23).filter(p -> p != 22).boxed().toList());
      assertThat(carolOnB.changes().get(0).get("text").getStringValue())
          .isEqualTo("before, edited");
      List<JsonNode> aliceSaw = aliceOnA.changes();
      List<JsonNode> bobSaw = bobOnB.changes();
      List<Long> every = LongStream.rangeClosed(1, 23).boxed().toList();
      assertThat(aliceSaw)
          .extracting(f -> f.get("pos").getLongValue())
          .containsExactlyInAnyOrderElementsOf(every);
      assertThat(bobSaw)
          .extracting(f -> f.get("pos").getLongValue())
          .containsExactlyInAnyOrderElementsOf(every);
      // Within what each node delivered from its own log read, the order is the channel's.
      assertThat(
              bobSaw.stream()
                  .filter(f -> f.get("type").getStringValue().equals("new_message"))
                  .filter(f -> f.get("text").getStringValue().startsWith("A during"))
                  .map(f -> f.get("seq").getLongValue())
                  .toList())
          .isSorted()
          .hasSize(10);
      assertThat(bobSaw)
          .anyMatch(
              f ->
                  f.get("type").getStringValue().equals("message_updated")
                      && f.get("text").getStringValue().equals("before, edited"));
      assertThat(aliceSaw).anyMatch(f -> f.get("type").getStringValue().equals("reaction_added"));
    }
  }
}
