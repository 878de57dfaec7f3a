package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.PresenceStore;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Parley nodes on loopback (two ports, one PostgreSQL, one Redis): what a client sends on one
 * node reaches clients on the other in order, presence is shared, and a client that switches nodes
 * resumes without losing anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {
  private ParleyNode a;
  private ParleyNode b;

  @BeforeAll
  void startNodes() {
    String database = TestPostgres.freshDatabaseUrl();
    String prefix = TestRedis.uniquePrefix();
    a = ParleyNode.start(database, TestRedis.shared().uri(), prefix);
    b = ParleyNode.start(database, TestRedis.shared().uri(), prefix);
  }

  @AfterAll
  void stopNodes() {
    b.close();
    a.close();
  }

  @Test
  void theRedisAdaptersAreWired() {
    for (ParleyNode node : List.of(a, b)) {
      assertThat(node.context().getBean(ChatEventPublisher.class).getClass().getSimpleName())
          .isEqualTo("RedisChatEventPublisher");
      assertThat(node.context().getBean(PresenceStore.class).getClass().getSimpleName())
          .isEqualTo("RedisPresenceStore");
      Api.Response health = node.api.get("/health", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").getStringValue()).isEqualTo("UP");
    }
  }

  /** Bob's server on node B, with a text channel; returns {server, channel}. */
  private long[] room(Session owner) {
    long server = b.fx.server(owner, "Cluster");
    return new long[] {server, b.fx.channel(owner, server, "general", "TEXT")};
  }

  private static String send(long channel, String text, String nonce) {
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":"
        + Api.json(text)
        + ",\"nonce\":\""
        + nonce
        + "\"}";
  }

  @Test
  void whatAClientSendsOnOneNodeReachesTheOtherNodeInOrder() {
    Session alice = a.api.newUser("alice");
    Session bob = b.api.newUser("bob");
    long[] r = room(bob);
    try (WsClient onA = a.fx.gateway(alice);
        WsClient onB = b.fx.gateway(bob)) {
      // Joining on node B moves Alice's subscription on node A.
      b.fx.member(bob, r[0], alice);
      onA.await(f -> "member_joined".equals(f.get("type").getStringValue()), "member_joined");

      int count = 50;
      for (int i = 1; i <= count; i++) {
        onB.send(send(r[1], "hello " + i, "n-" + i));
      }
      for (int i = 1; i <= count; i++) {
        JsonNode message = onA.await("new_message");
        assertThat(message.get("seq").getLongValue()).isEqualTo(i);
        assertThat(message.get("text").getStringValue()).isEqualTo("hello " + i);
        assertThat(message.get("userId").getLongValue()).isEqualTo(bob.id());
      }
      // The sender's own node delivered them too, once each.
      List<Long> own = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        own.add(onB.await("new_message").get("seq").getLongValue());
      }
      assertThat(own).containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
      assertThat(onA.drain(Duration.ofMillis(300)))
          .noneMatch(f -> "new_message".equals(f.get("type").getStringValue()));

      // Typing crosses nodes too, and is not echoed to the typist.
      onB.send("{\"type\":\"typing_start\",\"channelId\":" + r[1] + "}");
      JsonNode typing = onA.await("typing_start");
      assertThat(typing.get("userId").getLongValue()).isEqualTo(bob.id());

      // And so does a reply from A, back to B.
      onA.send(send(r[1], "hi bob", "a-1"));
      JsonNode reply = onB.await("new_message");
      assertThat(reply.get("text").getStringValue()).isEqualTo("hi bob");
      assertThat(reply.get("seq").getLongValue()).isEqualTo(count + 1);
    }
  }

  private String statusOn(ParleyNode node, Session asker, Session user) {
    Api.Response r = node.api.get("/chat/presence?user_ids=" + user.id(), asker.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get(0).get("status").getStringValue();
  }

  @Test
  void presenceIsSharedByTheNodes() {
    Session alice = a.api.newUser("present");
    Session bob = b.api.newUser("watcher");
    long[] r = room(bob);
    b.fx.member(bob, r[0], alice);
    assertThat(statusOn(b, bob, alice)).isEqualTo("offline");

    try (WsClient watcher = b.fx.gateway(bob).keepPresence()) {
      WsClient onA = a.fx.gateway(alice);
      JsonNode online =
          watcher.await(
              f ->
                  "presence_update".equals(f.get("type").getStringValue())
                      && f.get("userId").getLongValue() == alice.id(),
              "alice online");
      assertThat(online.get("status").getStringValue()).isEqualTo("online");
      assertThat(statusOn(b, bob, alice)).isEqualTo("online");

      assertThat(a.api.put("/chat/presence", "{\"status\":\"dnd\"}", alice.token()).status())
          .isEqualTo(200);
      assertThat(statusOn(b, bob, alice)).isEqualTo("dnd");
      assertThat(a.api.put("/chat/presence", "{\"status\":\"online\"}", alice.token()).status())
          .isEqualTo(200);

      // A second connection on the other node: closing the first keeps her online.
      WsClient alsoOnB = b.fx.gateway(alice);
      onA.close();
      await()
          .pollDelay(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(statusOn(a, bob, alice)).isEqualTo("online"));
      alsoOnB.close();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(statusOn(a, bob, alice)).isEqualTo("offline"));
    }
  }

  @Test
  void aClientThatSwitchesNodesResumesWithoutLosingAnything() {
    Session alice = a.api.newUser("mover");
    Session bob = b.api.newUser("sender");
    long[] r = room(bob);
    b.fx.member(bob, r[0], alice);
    try (WsClient first = a.fx.gateway(alice)) {
      for (int i = 1; i <= 3; i++) {
        b.fx.send(bob, r[0], r[1], "before " + i);
      }
      for (int i = 1; i <= 3; i++) {
        assertThat(first.await("new_message").get("seq").getLongValue()).isEqualTo(i);
      }
    }
    // Node A's client is gone; messages keep coming on node B.
    for (int i = 1; i <= 5; i++) {
      b.fx.send(bob, r[0], r[1], "missed " + i);
    }
    try (WsClient again =
        WsClient.connect(b.api.base(), "/chat/ws?resume=1&token=" + alice.token())) {
      assertThat(again.await("connected").get("resume_pending").getBooleanValue()).isTrue();
      again.send("{\"type\":\"resume\",\"channels\":{\"" + r[1] + "\":3}}");
      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        seqs.add(again.await("new_message").get("seq").getLongValue());
      }
      JsonNode resumed = again.await("resumed");
      assertThat(resumed.get("channels").get(0).get("replayed").getIntValue()).isEqualTo(5);
      assertThat(seqs).containsExactly(4L, 5L, 6L, 7L, 8L);
      // Live again, now on node B, with what is sent on node A.
      a.fx.send(bob, r[0], r[1], "live");
      JsonNode live = again.await("new_message");
      assertThat(live.get("seq").getLongValue()).isEqualTo(9);
      assertThat(live.get("text").getStringValue()).isEqualTo("live");
    }
  }
}
