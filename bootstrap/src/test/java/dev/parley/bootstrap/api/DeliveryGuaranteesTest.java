package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.RawSocket;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Acks, idempotent sends, resume without loss, heartbeats, backpressure and limits. */
@MicronautTest(transactional = false)
class DeliveryGuaranteesTest extends ApiTestBase {
  private Fixtures fx;

  @Override
  protected Map<String, String> extraProperties() {
    return Map.ofEntries(
        Map.entry("parley.socket.heartbeat-interval", "300ms"),
        Map.entry("parley.socket.heartbeat-timeout", "1500ms"),
        Map.entry("parley.socket.soft-outbound-bytes", "16384"),
        Map.entry("parley.socket.hard-outbound-bytes", "65536"),
        Map.entry("parley.socket.rate-per-second", "50"),
        Map.entry("parley.socket.rate-burst", "60"),
        Map.entry("parley.socket.close-after-refusals", "20"),
        Map.entry("parley.resume.max-per-channel", "20"),
        Map.entry("micronaut.server.netty.child-options.SO_SNDBUF", "8192"));
  }

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  /** A server with one text channel and the given members. */
  private long[] room(Session admin, Session... members) {
    long server = fx.server(admin, "Delivery");
    long channel = fx.channel(admin, server, "general", "TEXT");
    for (Session member : members) {
      fx.member(admin, server, member);
    }
    return new long[] {server, channel};
  }

  private static String sendFrame(long channel, String text, String nonce) {
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":"
        + Api.json(text)
        + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"")
        + "}";
  }

  @Test
  void aResendWithTheSameNonceIsOneMessage() {
    Session alice = api.newUser("acker");
    Session bob = api.newUser("watcher");
    long[] r = room(alice, bob);
    try (WsClient aliceWs = fx.gateway(alice);
        WsClient bobWs = fx.gateway(bob)) {
      aliceWs.send(sendFrame(r[1], "only once", "retry-1"));
      JsonNode first = aliceWs.await("message_ack");
      aliceWs.send(sendFrame(r[1], "only once", "retry-1"));
      JsonNode second = aliceWs.await("message_ack");

      assertThat(first.get("duplicate").getBooleanValue()).isFalse();
      assertThat(second.get("duplicate").getBooleanValue()).isTrue();
      assertThat(second.get("id").getLongValue()).isEqualTo(first.get("id").getLongValue());
      assertThat(second.get("seq").getLongValue()).isEqualTo(1);
      assertThat(bobWs.await("new_message").get("seq").getLongValue()).isEqualTo(1);
      assertThat(bobWs.drain(Duration.ofMillis(400)))
          .noneMatch(f -> "new_message".equals(f.get("type").getStringValue()));
    }
    assertThat(
            api.get("/chat/servers/" + r[0] + "/channels/" + r[1] + "/messages", alice.token())
                .json()
                .size())
        .isEqualTo(1);
  }

  @Test
  void reconnectingWithTheLastSeqGetsExactlyTheMissedMessagesInOrderThenLive() throws Exception {
    Session alice = api.newUser("resumer");
    Session bob = api.newUser("talker");
    long[] r = room(alice, bob);
    try (WsClient first = fx.gateway(alice)) {
      for (int i = 1; i <= 3; i++) {
        fx.send(bob, r[0], r[1], "before " + i);
      }
      for (int i = 1; i <= 3; i++) {
        assertThat(first.await("new_message").get("seq").getLongValue()).isEqualTo(i);
      }
    }
    for (int i = 1; i <= 6; i++) {
      fx.send(bob, r[0], r[1], "missed " + i);
    }

    // Bob keeps talking while Alice resumes: the replay and the live stream must join exactly.
    // Three messages before the resume frame, eleven more while it is handled: with the six missed
    // ones the replay is at most 20 changes, the test's bound, however late the resume frame is
    // read (an unbounded talker could outrun a slow resume and turn the replay into a resync).
    AtomicBoolean talking = new AtomicBoolean(true);
    AtomicInteger said = new AtomicInteger();
    CountDownLatch resumeSent = new CountDownLatch(1);
    Thread talker =
        new Thread(
            () -> {
              while (talking.get() && said.get() < 14) {
                if (said.get() == 3) {
                  try {
                    resumeSent.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                }
                fx.send(bob, r[0], r[1], "during " + said.incrementAndGet());
              }
            });
    try (WsClient again =
        WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + alice.token())) {
      JsonNode connected = again.await("connected");
      assertThat(connected.get("resume_pending").getBooleanValue()).isTrue();
      assertThat(connected.get("heartbeat_interval").getLongValue()).isEqualTo(300);
      talker.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> said.get() == 3);
      again.send("{\"type\":\"resume\",\"channels\":{\"" + r[1] + "\":3}}");
      resumeSent.countDown();

      List<Long> seqs = new ArrayList<>();
      boolean resumedSeen = false;
      while (true) {
        JsonNode frame = again.next(Duration.ofSeconds(3));
        if (frame == null) {
          break;
        }
        String type = frame.get("type").getStringValue();
        if (type.equals("resumed")) {
          resumedSeen = true;
          JsonNode state = frame.get("channels").get(0);
          assertThat(state.get("channelId").getLongValue()).isEqualTo(r[1]);
          assertThat(state.get("replayed").getIntValue()).isGreaterThanOrEqualTo(6);
        } else if (type.equals("new_message")) {
          seqs.add(frame.get("seq").getLongValue());
        }
      }
      talking.set(false);
      talker.join();
      assertThat(resumedSeen).isTrue();
      long last = seqs.get(seqs.size() - 1);
      assertThat(last).isEqualTo(3 + 6 + 14);
      assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(4, last).boxed().toList());
    }
  }

  @Test
  void aGapTooLargeAsksForAResyncInsteadOfAPartialReplay() {
    Session alice = api.newUser("gap");
    long[] r = room(alice);
    for (int i = 1; i <= 25; i++) {
      fx.send(alice, r[0], r[1], "m" + i);
    }
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + alice.token())) {
      ws.await("connected");
      ws.send("{\"type\":\"resume\",\"channels\":{\"" + r[1] + "\":2,\"987654\":0}}");
      JsonNode resync = ws.await("resync");
      assertThat(resync.get("channelId").getLongValue()).isEqualTo(r[1]);
      assertThat(resync.get("fromSeq").getLongValue()).isEqualTo(2);
      assertThat(resync.get("lastSeq").getLongValue()).isEqualTo(25);
      JsonNode resumed = ws.await("resumed");
      assertThat(resumed.get("resync").get(0).getLongValue()).isEqualTo(r[1]);
      assertThat(resumed.get("unknown").get(0).getLongValue()).isEqualTo(987654);
      // Nothing was replayed for the resynced channel; live events flow again.
      fx.send(alice, r[0], r[1], "live");
      assertThat(ws.await("new_message").get("seq").getLongValue()).isEqualTo(26);
    }
    // The client pages the gap over REST instead.
    JsonNode page =
        api.get(
                "/chat/servers/" + r[0] + "/channels/" + r[1] + "/messages?after_seq=2&limit=100",
                alice.token())
            .json();
    assertThat(page.size()).isEqualTo(24);
  }

  @Test
  void heartbeatsAreAnsweredAndDeadPeersAreClosed() throws Exception {
    Session alice = api.newUser("beat");
    try (WsClient ws = fx.gateway(alice)) {
      ws.send("{\"type\":\"heartbeat\"}");
      assertThat(ws.await("heartbeat_ack").get("serverTime").getLongValue()).isPositive();

      // A peer that never answers pings (half-open TCP looks the same) is closed with 4001.
      try (RawSocket dead = RawSocket.connect(api.base(), "/chat/ws?token=" + alice.token(), 0)) {
        long start = System.nanoTime();
        int pings = 0;
        int code;
        while (true) {
          RawSocket.Frame frame = dead.readFrame();
          if (frame.opcode() == 9) {
            pings++;
          }
          if (frame.opcode() == 8) {
            code = frame.closeCode();
            break;
          }
        }
        assertThat(code).isEqualTo(4001);
        assertThat(pings).isGreaterThan(0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      }
      // The JDK client answers pings by itself: still open long after the 1.5 s timeout.
      assertThat(ws.awaitClose(Duration.ofSeconds(2))).isNull();
      ws.send("{\"type\":\"heartbeat\"}");
      assertThat(ws.await("heartbeat_ack")).isNotNull();
    }
  }

  @Test
  void aClientThatStopsReadingIsClosedWhileOthersKeepTheirLatency() throws Exception {
    Session admin = api.newUser("busy");
    Session slow = api.newUser("slow");
    Session fast = api.newUser("fast");
    long[] r = room(admin, slow, fast);
    try (RawSocket stalled = RawSocket.connect(api.base(), "/chat/ws?token=" + slow.token(), 4096);
        WsClient fastWs = fx.gateway(fast)) {
      while (!stalled.readFrame().text().contains("\"connected\"")) {
        // until subscribed; from here on it reads nothing
      }
      String big = "x".repeat(3500);
      long worst = 0;
      for (int i = 0; i < 60; i++) {
        long sent = System.nanoTime();
        fx.send(admin, r[0], r[1], big + i);
        JsonNode got = fastWs.await("new_message");
        assertThat(got.get("text").getStringValue()).endsWith(Integer.toString(i));
        worst = Math.max(worst, System.nanoTime() - sent);
      }
      assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofSeconds(1));
      assertThat(stalled.readUntilClose()).isEqualTo(4008);
    }
  }

  @Test
  void oversizedFramesAndFloodsAreRefusedAndNotStored() throws Exception {
    Session alice = api.newUser("flood");
    long[] r = room(alice);
    try (WsClient big = fx.gateway(alice)) {
      big.send(sendFrame(r[1], "y".repeat(70_000), null));
      assertThat(big.awaitClose()).isEqualTo(1009);
    }
    try (WsClient flood = fx.gateway(alice)) {
      try {
        for (int i = 0; i < 150; i++) {
          flood.send(sendFrame(r[1], "flood " + i, "f-" + i));
        }
      } catch (java.util.concurrent.CompletionException closedUnderUs) {
        // the server may close (4029) before the client has finished flooding
      }
      Integer code = flood.awaitClose();
      List<JsonNode> frames = flood.drain(Duration.ofMillis(200));
      assertThat(code)
          .as("close code; frames: %s", frames.stream().map(Api::json).toList())
          .isEqualTo(4029);
    }
    long stored =
        api.get(
                "/chat/servers/" + r[0] + "/channels/" + r[1] + "/messages?limit=100",
                alice.token())
            .json()
            .size();
    // The burst allowance (60) plus a second's refill at most; never all 150.
    assertThat(stored).isBetween(1L, 120L);
    try (WsClient again = fx.gateway(alice)) {
      // Once the user's allowance refills, sending works again.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                again.send(sendFrame(r[1], "after the flood", null));
                return "message_ack"
                    .equals(
                        again
                            .await(
                                f ->
                                    f.get("type").getStringValue().equals("message_ack")
                                        || f.get("type").getStringValue().equals("error"),
                                "an ack or a refusal")
                            .get("type")
                            .getStringValue());
              });
    }
  }
}
