package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every change to a channel has a position, and a client that was away catches up on all of them
 * (edits, deletes and reactions too) exactly once and in order: by resume and over REST.
 */
@MicronautTest(transactional = false)
class ChangeLogCatchUpTest extends ApiTestBase {
  private static final Set<String> CHANGES =
      Set.of(
          "new_message",
          "message_updated",
          "message_deleted",
          "reaction_added",
          "reaction_removed");

  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  private static boolean isChange(JsonNode frame) {
    return CHANGES.contains(frame.get("type").getStringValue());
  }

  private record Room(long server, long channel) {
    String path() {
      return "/chat/servers/" + server + "/channels/" + channel;
    }
  }

  private Room room(Session admin, Session member) {
    long server = fx.server(admin, "Changes");
    long channel = fx.channel(admin, server, "general", "TEXT");
    fx.member(admin, server, member);
    return new Room(server, channel);
  }

  private long post(Session user, Room room, String text) {
    return fx.send(user, room.server(), room.channel(), text).json().get("id").getLongValue();
  }

  /** While the client is away: an edit, a reaction and its removal, a new message, a delete. */
  private void changeWhileAway(Session bob, Room room, long first, long second) {
    assertThat(api.patch("/chat/messages/" + first, "{\"text\":\"first, fixed\"}", bob.token()))
        .extracting(Api.Response::status)
        .isEqualTo(200);
    String thumbs = URLEncoder.encode("👍", StandardCharsets.UTF_8);
    api.put("/chat/messages/" + second + "/reactions/" + thumbs, "{}", bob.token());
    api.put("/chat/messages/" + first + "/reactions/" + thumbs, "{}", bob.token());
    api.delete("/chat/messages/" + first + "/reactions/" + thumbs, bob.token());
    post(bob, room, "third");
    api.delete("/chat/messages/" + second, bob.token());
  }

  private static List<JsonNode> changes(WsClient ws, int count) {
    List<JsonNode> seen = new ArrayList<>();
    while (seen.size() < count) {
      seen.add(ws.await(ChangeLogCatchUpTest::isChange, "a channel change"));
    }
    return seen;
  }

  @Test
  void resumeReplaysEveryKindOfChangeExactlyAsAConnectedClientSawIt() {
    Session alice = api.newUser("away");
    Session bob = api.newUser("busy");
    Room room = room(alice, bob);
    long seq;
    long pos;
    long first;
    long second;
    try (WsClient before = fx.gateway(alice)) {
      first = post(bob, room, "first");
      second = post(bob, room, "second");
      List<JsonNode> seen = changes(before, 2);
      seq = seen.get(1).get("seq").getLongValue();
      pos = seen.get(1).get("pos").getLongValue();
      assertThat(pos).isEqualTo(seen.get(0).get("pos").getLongValue() + 1);
    }
    List<JsonNode> live;
    try (WsClient watcher = fx.gateway(bob)) {
      changeWhileAway(bob, room, first, second);
      live = changes(watcher, 6);
    }
    assertThat(live)
        .extracting(f -> f.get("type").getStringValue())
        .containsExactly(
            "message_updated",
            "reaction_added",
            "reaction_added",
            "reaction_removed",
            "new_message",
            "message_deleted");
    assertThat(live)
        .extracting(f -> f.get("pos").getLongValue())
        .containsExactly(pos + 1, pos + 2, pos + 3, pos + 4, pos + 5, pos + 6);

    try (WsClient again =
        WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + alice.token())) {
      again.await("connected");
      again.send(
          "{\"type\":\"resume\",\"channels\":{\""
              + room.channel()
              + "\":{\"seq\":"
              + seq
              + ",\"pos\":"
              + pos
              + "}}}");
      List<JsonNode> replayed = new ArrayList<>();
      JsonNode frame;
      while (!(frame = again.await(f -> isChange(f) || isType(f, "resumed"), "replay"))
          .get("type")
          .getStringValue()
          .equals("resumed")) {
        replayed.add(frame);
      }
      assertThat(replayed).isEqualTo(live);
      JsonNode state = frame.get("channels").get(0);
      assertThat(state.get("lastPos").getLongValue()).isEqualTo(pos + 6);
      assertThat(state.get("lastSeq").getLongValue()).isEqualTo(3);

      post(bob, room, "live again");
      JsonNode next = again.await(ChangeLogCatchUpTest::isChange, "the next change");
      assertThat(next.get("pos").getLongValue()).isEqualTo(pos + 7);
      assertThat(next.get("seq").getLongValue()).isEqualTo(4);
      assertThat(again.drain(Duration.ofMillis(300))).noneMatch(ChangeLogCatchUpTest::isChange);
    }

    // The same catch-up over REST, in pages.
    JsonNode all = api.get(room.path() + "/changes?after_pos=" + pos, alice.token()).json();
    List<JsonNode> fromRest = new ArrayList<>();
    all.get("changes").values().forEach(fromRest::add);
    assertThat(fromRest.subList(0, 6)).isEqualTo(live);
    assertThat(all.get("last_pos").getLongValue()).isEqualTo(pos + 7);
    assertThat(all.get("has_more").getBooleanValue()).isFalse();
    JsonNode page =
        api.get(room.path() + "/changes?after_pos=" + pos + "&limit=2", alice.token()).json();
    assertThat(page.get("changes").size()).isEqualTo(2);
    assertThat(page.get("last_pos").getLongValue()).isEqualTo(pos + 2);
    assertThat(page.get("has_more").getBooleanValue()).isTrue();
  }

  private static boolean isType(JsonNode frame, String type) {
    return type.equals(frame.get("type").getStringValue());
  }

  @Test
  void aResumeCursorAheadOfTheChannelIsToldToReloadIt() {
    Session alice = api.newUser("ahead");
    Session bob = api.newUser("behind");
    Room room = room(alice, bob);
    post(bob, room, "one");
    post(bob, room, "two");
    post(bob, room, "three");
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + alice.token())) {
      ws.await("connected");
      ws.send("{\"type\":\"resume\",\"channels\":{\"" + room.channel() + "\":100}}");
      JsonNode resync = ws.await("resync");
      assertThat(resync.get("reason").getStringValue()).isEqualTo("cursor_ahead");
      assertThat(resync.get("fromSeq").getLongValue()).isZero();
      assertThat(resync.get("lastSeq").getLongValue()).isEqualTo(3);
      assertThat(resync.get("lastPos").getLongValue()).isEqualTo(3);
      assertThat(ws.await("resumed").get("resync").get(0).getLongValue()).isEqualTo(room.channel());
      post(bob, room, "four");
      assertThat(ws.await("new_message").get("seq").getLongValue()).isEqualTo(4);
    }
  }

  @Test
  void theChangeFeedFollowsTheVisibilityRuleAndChecksItsParameters() {
    Session alice = api.newUser("owner");
    Session bob = api.newUser("member");
    Session eve = api.newUser("outsider");
    Room room = room(alice, bob);
    post(bob, room, "hi");

    assertThat(api.get(room.path() + "/changes", eve.token()).status()).isEqualTo(404);
    assertThat(api.get(room.path() + "/changes?after_pos=-1", bob.token()).status()).isEqualTo(400);
    assertThat(api.get(room.path() + "/changes?limit=501", bob.token()).status()).isEqualTo(400);
    JsonNode feed = api.get(room.path() + "/changes", bob.token()).json();
    assertThat(feed.get("changes").get(0).get("text").getStringValue()).isEqualTo("hi");
    assertThat(feed.get("changes").get(0).get("pos").getLongValue()).isEqualTo(1);
  }
}
