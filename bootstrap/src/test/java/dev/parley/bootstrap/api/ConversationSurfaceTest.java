package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Seed 002's conversation surface, with the examples of its guide as they are written. */
@MicronautTest(transactional = false)
class ConversationSurfaceTest extends ApiTestBase {
  private static final Duration QUIET = Duration.ofMillis(400);

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.values().spliterator(), false)
        .map(JsonNode::getStringValue)
        .toList();
  }

  private String conversation(Session creator, boolean group, Session... others) {
    StringBuilder ids = new StringBuilder();
    for (Session other : others) {
      ids.append(ids.isEmpty() ? "" : ",").append('"').append(other.id()).append('"');
    }
    Response created =
        api.post(
            "/api/chat/conversations",
            "{\"name\":\"Team Chat\",\"description\":\"Our team discussion\",\"is_group\":"
                + group
                + ",\"participant_ids\":["
                + ids
                + "]}",
            creator.token());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").getStringValue();
  }

  private WsClient socket(String conversationId, Session user) {
    return WsClient.connect(
        api.base(), "/api/chat/ws/" + conversationId + "?token=" + user.token());
  }

  /** A socket that has received its own join notice, so it is following the conversation. */
  private WsClient joined(String conversationId, Session user) {
    WsClient ws = socket(conversationId, user);
    ws.await(
        f ->
            "system".equals(f.get("type").getStringValue())
                && f.get("sender_id").getStringValue().equals(Long.toString(user.id())),
        "the join notice");
    return ws;
  }

  @Test
  void guideFlowLoginCreateHistoryConnectChat() {
    Session alice = api.newUser("alice");
    Session bob = api.newUser("bob");

    Response login =
        api.post(
            "/api/auth/login",
            "{\"username\":\"" + alice.username() + "\",\"password\":\"password123\"}",
            null);
    assertThat(login.json().get("token_type").getStringValue()).isEqualTo("bearer");
    String token = login.json().get("access_token").getStringValue();

    Response created =
        api.post(
            "/api/chat/conversations",
            "{\"name\":\"Team Chat\",\"description\":\"Our team discussion\",\"is_group\":true,"
                + "\"participant_ids\":[\""
                + alice.id()
                + "\",\""
                + bob.id()
                + "\"]}",
            token);
    assertThat(created.status()).isEqualTo(201);
    JsonNode conversation = created.json();
    assertThat(conversation.get("id").isString()).isTrue();
    assertThat(conversation.get("name").getStringValue()).isEqualTo("Team Chat");
    assertThat(conversation.get("description").getStringValue()).isEqualTo("Our team discussion");
    assertThat(conversation.get("is_group").getBooleanValue()).isTrue();
    assertThat(conversation.get("created_at").getStringValue()).isNotBlank();
    assertThat(conversation.get("updated_at").getStringValue()).isNotBlank();
    String id = conversation.get("id").getStringValue();

    assertThat(api.get("/api/chat/conversations", bob.token()).body()).contains("\"" + id + "\"");
    assertThat(api.get("/api/chat/conversations/" + id + "/messages", token).json().size())
        .isZero();

    try (WsClient aliceWs = socket(id, alice);
        WsClient bobWs = socket(id, bob)) {
      JsonNode joined =
          aliceWs.await(
              f ->
                  "system".equals(f.get("type").getStringValue())
                      && f.get("sender_id").getStringValue().equals(Long.toString(bob.id())),
              "bob's join notice");
      assertThat(joined.get("content").getStringValue())
          .isEqualTo("User " + bob.username() + " joined the conversation");
      assertThat(joined.get("sender_id").getStringValue()).isEqualTo(Long.toString(bob.id()));
      assertThat(strings(joined.get("active_users")))
          .containsExactlyInAnyOrder(Long.toString(alice.id()), Long.toString(bob.id()));

      aliceWs.send("{\"type\": \"message\", \"content\": \"Hello everyone!\"}");
      for (WsClient ws : List.of(aliceWs, bobWs)) {
        JsonNode m = ws.await("message");
        assertThat(m.get("content").getStringValue()).isEqualTo("Hello everyone!");
        assertThat(m.get("sender_id").getStringValue()).isEqualTo(Long.toString(alice.id()));
        assertThat(m.get("sender_username").getStringValue()).isEqualTo(alice.username());
        assertThat(m.get("message_id").isString()).isTrue();
        assertThat(m.get("timestamp").getStringValue()).isNotBlank();
        assertThat(m.get("is_edited").getBooleanValue()).isFalse();
      }

      bobWs.send("{\"type\": \"typing\"}");
      JsonNode typing = aliceWs.await("typing");
      assertThat(typing.get("sender_username").getStringValue()).isEqualTo(bob.username());
      assertThat(bobWs.drain(QUIET))
          .noneMatch(f -> "typing".equals(f.get("type").getStringValue()));
    }

    List<JsonNode> history =
        StreamSupport.stream(
                api.get("/api/chat/conversations/" + id + "/messages", token)
                    .json()
                    .values()
                    .spliterator(),
                false)
            .toList();
    assertThat(history).hasSize(1);
    JsonNode message = history.get(0);
    assertThat(message.get("id").isString()).isTrue();
    assertThat(message.get("conversation_id").getStringValue()).isEqualTo(id);
    assertThat(message.get("sender_id").getStringValue()).isEqualTo(Long.toString(alice.id()));
    assertThat(message.get("content").getStringValue()).isEqualTo("Hello everyone!");
    assertThat(message.get("is_edited").getBooleanValue()).isFalse();
    assertThat(message.get("created_at").getStringValue()).isNotBlank();
    assertThat(message.get("updated_at").getStringValue()).isNotBlank();
  }

  @Test
  void editDeleteReactionAndPresenceAreAuthorisedAndBroadcast() {
    Session alice = api.newUser("editor");
    Session bob = api.newUser("viewer");
    String id = conversation(alice, true, bob);

    try (WsClient aliceWs = joined(id, alice);
        WsClient bobWs = joined(id, bob)) {
      aliceWs.send("{\"type\":\"message\",\"content\":\"first draft\"}");
      String messageId = bobWs.await("message").get("message_id").getStringValue();
      aliceWs.await("message");

      // Only the author edits.
      bobWs.send("{\"type\":\"edit\",\"message_id\":\"" + messageId + "\",\"content\":\"hijack\"}");
      assertThat(bobWs.await("error").get("code").getStringValue()).isEqualTo("forbidden");
      aliceWs.send(
          "{\"type\":\"edit\",\"message_id\":\""
              + messageId
              + "\",\"content\":\"Updated message\"}");
      JsonNode edit = bobWs.await("edit");
      assertThat(edit.get("message_id").getStringValue()).isEqualTo(messageId);
      assertThat(edit.get("content").getStringValue()).isEqualTo("Updated message");
      assertThat(edit.get("is_edited").getBooleanValue()).isTrue();

      // Reactions toggle, with counts.
      bobWs.send(
          "{\"type\":\"reaction\",\"message_id\":\""
              + messageId
              + "\",\"emoji\":\"\uD83D\uDC4D\"}");
      JsonNode reaction = aliceWs.await("reaction");
      assertThat(reaction.get("emoji").getStringValue()).isEqualTo("\uD83D\uDC4D");
      assertThat(reaction.get("action").getStringValue()).isEqualTo("added");
      assertThat(reaction.get("count").getIntValue()).isEqualTo(1);
      bobWs.send(
          "{\"type\":\"reaction\",\"message_id\":\""
              + messageId
              + "\",\"emoji\":\"\uD83D\uDC4D\"}");
      JsonNode removed = aliceWs.await("reaction");
      assertThat(removed.get("action").getStringValue()).isEqualTo("removed");
      assertThat(removed.get("count").getIntValue()).isZero();

      bobWs.send("{\"type\":\"presence\",\"status\":\"away\"}");
      JsonNode presence = aliceWs.await("presence");
      assertThat(presence.get("status").getStringValue()).isEqualTo("away");
      assertThat(presence.get("sender_id").getStringValue()).isEqualTo(Long.toString(bob.id()));
      bobWs.send("{\"type\":\"presence\",\"status\":\"sleeping\"}");
      assertThat(bobWs.await("error").get("code").getStringValue()).isEqualTo("invalid_input");

      // Only the author (no moderators in conversations) deletes.
      bobWs.send("{\"type\":\"delete\",\"message_id\":\"" + messageId + "\"}");
      assertThat(bobWs.await("error").get("code").getStringValue()).isEqualTo("forbidden");
      aliceWs.send("{\"type\":\"delete\",\"message_id\":\"" + messageId + "\"}");
      assertThat(bobWs.await("delete").get("message_id").getStringValue()).isEqualTo(messageId);

      // Bad frames get errors and the socket stays open.
      for (String bad :
          List.of(
              "{",
              "{\"type\":\"dance\"}",
              "{\"type\":\"message\"}",
              "{\"type\":\"edit\",\"message_id\":\"msg-x\",\"content\":\"y\"}",
              "{\"type\":\"delete\",\"message_id\":\"999999\"}")) {
        aliceWs.send(bad);
        assertThat(aliceWs.await("error").get("message").getStringValue()).as(bad).isNotBlank();
      }
      aliceWs.send("{\"type\":\"message\",\"content\":\"still open\"}");
      assertThat(bobWs.await("message").get("content").getStringValue()).isEqualTo("still open");
    }
    // History hides the deleted message.
    assertThat(api.get("/api/chat/conversations/" + id + "/messages", bob.token()).body())
        .doesNotContain("Updated message")
        .contains("still open");
  }

  @Test
  void nonParticipantsAreRefusedEverywhere() {
    Session alice = api.newUser("insider");
    Session bob = api.newUser("insider2");
    Session eve = api.newUser("eve");
    String id = conversation(alice, false, bob);

    Response history = api.get("/api/chat/conversations/" + id + "/messages", eve.token());
    assertThat(history.status()).isEqualTo(404);
    assertThat(history.json().get("message").getStringValue())
        .isEqualTo("Not a member of this conversation");
    assertThat(api.get("/api/chat/conversations/999999/messages", eve.token()).body())
        .isEqualTo(history.body());
    assertThat(api.get("/api/chat/conversations/conv-123/messages", eve.token()).body())
        .isEqualTo(history.body());
    assertThat(api.get("/api/chat/conversations", eve.token()).body())
        .doesNotContain("\"" + id + "\"");

    try (WsClient eveWs = socket(id, eve);
        WsClient aliceWs = joined(id, alice)) {
      assertThat(eveWs.await("error").get("message").getStringValue())
          .isEqualTo("Not a member of this conversation");
      assertThat(eveWs.awaitClose()).isEqualTo(4403);
      aliceWs.send("{\"type\":\"message\",\"content\":\"private\"}");
      aliceWs.await("message");
    }
    assertThat(WsClient.upgradeStatus(api.base(), "/api/chat/ws/" + id)).isEqualTo(401);
  }

  @Test
  void directConversationsAreReusedAndValidated() {
    Session alice = api.newUser("dm");
    Session bob = api.newUser("dm2");
    String first = conversation(alice, false, bob);
    assertThat(conversation(bob, false, alice)).isEqualTo(first);

    for (String body :
        List.of(
            "{\"is_group\":false,\"participant_ids\":[]}",
            "{\"is_group\":true,\"participant_ids\":[\"987654321\"]}",
            "{\"is_group\":true,\"participant_ids\":[\"abc\"]}",
            "{\"is_group\":true,\"participant_ids\":[null]}",
            "{\"name\":\"" + "n".repeat(101) + "\",\"is_group\":true,\"participant_ids\":[]}")) {
      Response r = api.post("/api/chat/conversations", body, alice.token());
      assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
    }
  }

  @Test
  void conversationsAreVisibleToTheNativeGatewayToo() {
    Session alice = api.newUser("native");
    Session bob = api.newUser("native2");
    try (WsClient gateway = WsClient.connect(api.base(), "/chat/ws?token=" + bob.token())) {
      gateway.await("connected");
      String id = conversation(alice, true, bob);
      try (WsClient aliceWs = joined(id, alice)) {
        aliceWs.send("{\"type\":\"message\",\"content\":\"to the gateway\"}");
        JsonNode m = gateway.await("new_message");
        assertThat(m.get("text").getStringValue()).isEqualTo("to the gateway");
        assertThat(m.get("channelId").getLongValue()).isEqualTo(Long.parseLong(id));
        assertThat(m.get("serverId").isNull()).isTrue();
      }
    }
  }
}
