package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 7: invisible is offline everywhere. A hidden user and a visible one are connected
 * on every surface (native gateway, seed 002 conversation socket, seed 004 room socket, seed 003
 * classic socket) and type on each; a watcher then asks every place that tells who is here. The
 * visible user shows up in each; the hidden one in none.
 */
@MicronautTest(transactional = false)
class InvisibleEverywhereTest extends ApiTestBase {

  /** One user's socket on one surface, and how to type and send on it. */
  private record Surface(String name, WsClient ws, String typing, String message) {}

  private Fixtures fixtures;
  private long serverId;
  private long channelId;
  private long roomId;
  private String conversationId;

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.values().spliterator(), false).toList();
  }

  private static String text(JsonNode frame, String field) {
    JsonNode value = frame.get(field);
    return value == null ? null : value.isString() ? value.getStringValue() : Api.json(value);
  }

  /** The user's sockets on every surface, each checked live by a message it sees itself. */
  private List<Surface> connectEverywhere(Session user) {
    List<Surface> surfaces = new ArrayList<>();
    WsClient nativeWs = fixtures.gateway(user);
    surfaces.add(
        new Surface(
            "native",
            nativeWs,
            "{\"type\":\"typing_start\",\"channelId\":" + channelId + "}",
            "{\"type\":\"send_message\",\"channelId\":" + channelId + ",\"text\":%s}"));
    surfaces.add(
        new Surface(
            "conversation",
            WsClient.connect(
                api.base(), "/api/chat/ws/" + conversationId + "?token=" + user.token()),
            "{\"type\":\"typing\"}",
            "{\"type\":\"message\",\"content\":%s}"));
    surfaces.add(
        new Surface(
            "rooms",
            WsClient.connect(api.base(), "/ws/chat/" + roomId + "?token=" + user.token()),
            "{\"type\":\"typing\"}",
            "{\"type\":\"message\",\"content\":%s}"));
    surfaces.add(
        new Surface(
            "classic",
            WsClient.connect(
                api.base(),
                "/ws/" + user.id() + "/" + serverId + "/" + channelId + "?token=" + user.token()),
            "{\"type\":\"typing\"}",
            "{\"content\":%s}"));
    for (Surface s : surfaces) {
      String probe = "ready-" + UUID.randomUUID();
      s.ws().send(s.message().formatted(Api.json(probe)));
      s.ws().await(f -> Api.json(f).contains(probe), s.name() + " socket live");
    }
    return surfaces;
  }

  /** Frames of {@code ws} up to and including those carrying every one of {@code sentinels}. */
  private static List<JsonNode> until(WsClient ws, Set<String> sentinels) {
    List<JsonNode> frames = new ArrayList<>();
    Set<String> missing = new java.util.HashSet<>(sentinels);
    while (!missing.isEmpty()) {
      JsonNode frame = ws.next(WsClient.WAIT);
      assertThat(frame).as("frames carrying " + missing + " after " + frames).isNotNull();
      frames.add(frame);
      missing.removeIf(s -> Api.json(frame).contains(s));
    }
    return frames;
  }

  @Test
  void anInvisibleUserIsReportedNowhereWhileAVisibleOneIsEverywhere() {
    fixtures = new Fixtures(api);
    Session watcher = api.newUser("watcher");
    Session hidden = api.newUser("hidden");
    Session visible = api.newUser("visible");
    assertThat(api.put("/chat/presence", "{\"status\":\"invisible\"}", hidden.token()).status())
        .isEqualTo(200);

    serverId = fixtures.server(watcher, "Hideout");
    channelId = fixtures.channel(watcher, serverId, "general", "text");
    fixtures.member(watcher, serverId, hidden);
    fixtures.member(watcher, serverId, visible);
    Response room = api.post("/api/rooms", "{\"name\":\"Lobby\"}", watcher.token());
    assertThat(room.status()).as(room.toString()).isEqualTo(201);
    roomId = room.json().get("id").getLongValue();
    Response group =
        api.post(
            "/api/chat/conversations",
            "{\"name\":\"Trio\",\"is_group\":true,\"participant_ids\":[\""
                + hidden.id()
                + "\",\""
                + visible.id()
                + "\"]}",
            watcher.token());
    assertThat(group.status()).as(group.toString()).isEqualTo(201);
    conversationId = group.json().get("id").getStringValue();

    try (WsClient watcherNative =
        WsClient.connect(api.base(), "/chat/ws?token=" + watcher.token()).keepPresence()) {
      watcherNative.await("connected");
      List<Surface> hiddenSockets = connectEverywhere(hidden);
      List<Surface> visibleSockets = connectEverywhere(visible);
      try (WsClient watcherConversation =
          WsClient.connect(
              api.base(), "/api/chat/ws/" + conversationId + "?token=" + watcher.token())) {
        // active_users of the watcher's own join notice: everyone connected but the hidden one.
        JsonNode joined =
            watcherConversation.await(
                f ->
                    "system".equals(text(f, "type"))
                        && Long.toString(watcher.id()).equals(text(f, "sender_id")),
                "the watcher's join notice");
        assertThat(list(joined.get("active_users")).stream().map(JsonNode::getStringValue))
            .contains(Long.toString(watcher.id()), Long.toString(visible.id()))
            .doesNotContain(Long.toString(hidden.id()));

        // Both type on every surface and announce a status, then send a sentinel on each socket:
        // anything the typing caused reaches the watcher before that sentinel.
        Map<String, Long> senders = new HashMap<>();
        for (Session user : List.of(hidden, visible)) {
          for (Surface s : user == hidden ? hiddenSockets : visibleSockets) {
            s.ws().send(s.typing());
            if (s.name().equals("conversation")) {
              s.ws().send("{\"type\":\"presence\",\"status\":\"online\"}");
            }
            String sentinel = "sentinel-" + s.name() + "-" + UUID.randomUUID();
            s.ws().send(s.message().formatted(Api.json(sentinel)));
            senders.put(sentinel, user.id());
          }
        }
        List<JsonNode> seen = until(watcherNative, senders.keySet());
        List<JsonNode> conversationFrames =
            until(
                watcherConversation,
                Set.copyOf(
                    senders.keySet().stream().filter(s -> s.contains("-conversation-")).toList()));

        List<JsonNode> typing =
            seen.stream().filter(f -> "typing_start".equals(text(f, "type"))).toList();
        assertThat(typing)
            .as("typing seen by the watcher")
            .noneMatch(f -> f.get("userId").getLongValue() == hidden.id());
        assertThat(
                typing.stream()
                    .filter(f -> f.get("userId").getLongValue() == visible.id())
                    .map(f -> f.get("channelId").getLongValue())
                    .distinct())
            .containsExactlyInAnyOrder(channelId, roomId, Long.parseLong(conversationId));
        assertThat(seen)
            .as("presence the watcher's gateway heard")
            .noneMatch(
                f ->
                    "presence_update".equals(text(f, "type"))
                        && f.get("userId").getLongValue() == hidden.id()
                        && !"offline".equals(text(f, "status")));
        assertThat(conversationFrames)
            .as("the watcher's conversation socket")
            .noneMatch(
                f ->
                    Long.toString(hidden.id()).equals(text(f, "sender_id"))
                        && Set.of("system", "typing", "presence").contains(text(f, "type")))
            .anyMatch(
                f ->
                    Long.toString(visible.id()).equals(text(f, "sender_id"))
                        && "typing".equals(text(f, "type")))
            .anyMatch(
                f ->
                    Long.toString(visible.id()).equals(text(f, "sender_id"))
                        && "presence".equals(text(f, "type")));

        // REST: the presence query and the member list.
        Map<Long, String> presence = new HashMap<>();
        for (JsonNode p :
            list(
                api.get(
                        "/chat/presence?user_ids=" + hidden.id() + "," + visible.id(),
                        watcher.token())
                    .json())) {
          presence.put(p.get("user_id").getLongValue(), text(p, "status"));
        }
        assertThat(presence).isEqualTo(Map.of(hidden.id(), "offline", visible.id(), "online"));
        Map<Long, String> members = new HashMap<>();
        for (JsonNode m :
            list(api.get("/chat/servers/" + serverId + "/members", watcher.token()).json())) {
          members.put(m.get("user_id").getLongValue(), text(m, "presence"));
        }
        assertThat(members).containsEntry(hidden.id(), "offline");
        assertThat(members).containsEntry(visible.id(), "online");

        // Coming out of hiding is announced like any other change.
        api.put("/chat/presence", "{\"status\":\"online\"}", hidden.token());
        watcherNative.await(
            f ->
                "presence_update".equals(text(f, "type"))
                    && f.get("userId").getLongValue() == hidden.id()
                    && "online".equals(text(f, "status")),
            "the hidden user's return");
      } finally {
        for (Surface s : hiddenSockets) {
          s.ws().close();
        }
        for (Surface s : visibleSockets) {
          s.ws().close();
        }
      }
    }
  }
}
