package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Redis goes away under two nodes and comes back: each node keeps serving its own clients, says so
 * on /health (DEGRADED, still 200) and in one log line, and the nodes find each other again.
 */
class RedisOutageTest {

  private static String send(long channel, String text, String nonce) {
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":"
        + Api.json(text)
        + ",\"nonce\":\""
        + nonce
        + "\"}";
  }

  private static String health(ParleyNode node) {
    Api.Response r = node.api.get("/health", null);
    assertThat(r.status()).as("a node without Redis still serves: 200").isEqualTo(200);
    return r.json().get("status").getStringValue();
  }

  @Test
  void nodesKeepServingTheirOwnClientsAndReconnect() {
    Logger linkLog = (Logger) LoggerFactory.getLogger("dev.parley.adapters.redis.RedisLink");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    linkLog.addAppender(logged);
    String database = TestPostgres.freshDatabaseUrl();
    try (TestRedis redis = TestRedis.start();
        ParleyNode a = ParleyNode.start(database, redis.uri(), "outage:");
        ParleyNode b = ParleyNode.start(database, redis.uri(), "outage:")) {
      Session alice = a.api.newUser("alice");
      Session carol = a.api.newUser("carol");
      Session bob = b.api.newUser("bob");
      long server = a.fx.server(alice, "Outage");
      long channel = a.fx.channel(alice, server, "general", "TEXT");
      a.fx.member(alice, server, carol);
      a.fx.member(alice, server, bob);
      try (WsClient aliceOnA = a.fx.gateway(alice);
          WsClient carolOnA = a.fx.gateway(carol);
          WsClient bobOnB = b.fx.gateway(bob)) {
        aliceOnA.send(send(channel, "before", "o-0"));
        assertThat(bobOnB.await("new_message").get("text").getStringValue()).isEqualTo("before");
        carolOnA.await("new_message");
        assertThat(health(a)).isEqualTo("UP");

        redis.down();
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEGRADED".equals(health(a)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEGRADED".equals(health(b)));

        // Each node still delivers what is sent on it to its own clients, in order.
        for (int i = 1; i <= 20; i++) {
          aliceOnA.send(send(channel, "during " + i, "o-" + i));
        }
        for (int i = 1; i <= 20; i++) {
          JsonNode m = carolOnA.await("new_message");
          assertThat(m.get("text").getStringValue()).isEqualTo("during " + i);
          assertThat(m.get("seq").getLongValue()).isEqualTo(1 + i);
        }
        bobOnB.send(send(channel, "alone on B", "b-1"));
        List<JsonNode> own =
            bobOnB.awaitEach(
                f -> "message_ack".equals(f.get("type").getStringValue()),
                f -> "new_message".equals(f.get("type").getStringValue()));
        assertThat(own.get(0).get("seq").getLongValue()).isEqualTo(22);
        assertThat(own.get(1).get("text").getStringValue()).isEqualTo("alone on B");
        // Presence still answers, from the node's own connections.
        Api.Response presence = a.api.get("/chat/presence?user_ids=" + carol.id(), alice.token());
        assertThat(presence.json().get(0).get("status").getStringValue()).isEqualTo("online");

        redis.up();
        await().atMost(Duration.ofSeconds(15)).until(() -> "UP".equals(health(a)));
        await().atMost(Duration.ofSeconds(15)).until(() -> "UP".equals(health(b)));

        // The nodes hear each other again, and presence is shared again (rewritten by each node).
        aliceOnA.send(send(channel, "after", "o-after"));
        JsonNode after =
            bobOnB.await(
                f ->
                    "new_message".equals(f.get("type").getStringValue())
                        && "after".equals(f.get("text").getStringValue()),
                "the message sent after Redis returned");
        assertThat(after.get("seq").getLongValue()).isEqualTo(23);
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(
                            b.api
                                .get("/chat/presence?user_ids=" + carol.id(), bob.token())
                                .json()
                                .get(0)
                                .get("status")
                                .getStringValue())
                        .isEqualTo("online"));
      }
      // One warning per node for the whole outage, not one per message or per check (counted
      // before the nodes stop: a node shutting down may log its own link closing).
      assertThat(outageWarnings(logged)).isEqualTo(2);
    } finally {
      linkLog.detachAppender(logged);
    }
  }

  private static long outageWarnings(ListAppender<ILoggingEvent> logged) {
    return List.copyOf(logged.list).stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .filter(e -> e.getFormattedMessage().startsWith("Redis unreachable"))
        .count();
  }

  @Test
  void aNodeStartsWhileRedisIsDownAndJoinsWhenItComesUp() {
    String database = TestPostgres.freshDatabaseUrl();
    try (TestRedis redis = TestRedis.start()) {
      redis.down();
      try (ParleyNode a = ParleyNode.start(database, redis.uri(), "late:")) {
        assertThat(health(a)).isEqualTo("DEGRADED");
        Session alice = a.api.newUser("early");
        long server = a.fx.server(alice, "Late");
        long channel = a.fx.channel(alice, server, "general", "TEXT");
        try (WsClient ws = a.fx.gateway(alice)) {
          ws.send(send(channel, "alone", "l-1"));
          assertThat(ws.await("new_message").get("text").getStringValue()).isEqualTo("alone");

          redis.up();
          await().atMost(Duration.ofSeconds(15)).until(() -> "UP".equals(health(a)));
          try (ParleyNode b = ParleyNode.start(database, redis.uri(), "late:")) {
            Session bob = b.api.newUser("joiner");
            a.fx.member(alice, server, bob);
            // Alice's connection on A, made while Redis was down, is seen from node B.
            assertThat(
                    b.api
                        .get("/chat/presence?user_ids=" + alice.id(), bob.token())
                        .json()
                        .get(0)
                        .get("status")
                        .getStringValue())
                .isEqualTo("online");
            b.fx.send(bob, server, channel, "from B");
            assertThat(
                    ws.await(
                            f ->
                                "new_message".equals(f.get("type").getStringValue())
                                    && "from B".equals(f.get("text").getStringValue()),
                            "the message sent on node B")
                        .get("seq")
                        .getLongValue())
                .isEqualTo(2);
          }
        }
      }
    }
  }
}
