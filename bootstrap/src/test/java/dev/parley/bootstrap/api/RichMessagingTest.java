package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 6 on the native API: edits, deletes, reactions, replies, mentions, read state, DMs. */
@MicronautTest(transactional = false)
class RichMessagingTest extends ApiTestBase {
  private static final Duration QUIET = Duration.ofMillis(400);
  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  private static List<JsonNode> list(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return StreamSupport.stream(response.json().values().spliterator(), false).toList();
  }

  private static String emoji(String e) {
    return URLEncoder.encode(e, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void editsDeletesAndReactionsWithEventsAndHistory() {
    Session admin = api.newUser("editadm");
    Session mod = api.newUser("editmod");
    Session member = api.newUser("editmem");
    long server = fx.server(admin, "Edits");
    long channel = fx.channel(admin, server, "general", "TEXT");
    fx.member(admin, server, mod);
    fx.member(admin, server, member);
    api.patch(
        "/chat/servers/" + server + "/members/" + mod.id(),
        "{\"role\":\"MODERATOR\"}",
        admin.token());
    String history = "/chat/servers/" + server + "/channels/" + channel + "/messages";

    try (WsClient watcher = fx.gateway(admin)) {
      long mine = fx.send(member, server, channel, "first draft").json().get("id").getLongValue();
      long other = fx.send(admin, server, channel, "admin says").json().get("id").getLongValue();

      Response edited =
          api.patch("/chat/messages/" + mine, "{\"text\":\"final text\"}", member.token());
      assertThat(edited.status()).isEqualTo(200);
      assertThat(edited.json().get("editedAt").isString()).isTrue();
      JsonNode updated = watcher.await("message_updated");
      assertThat(updated.get("text").getStringValue()).isEqualTo("final text");
      assertThat(updated.get("seq").getLongValue()).isEqualTo(1);
      assertThat(api.patch("/chat/messages/" + other, "{\"text\":\"no\"}", member.token()).status())
          .isEqualTo(403);

      // Reactions: counts per emoji and who reacted, "me" from the caller's view.
      assertThat(
              api.put("/chat/messages/" + mine + "/reactions/" + emoji("👍"), null, member.token())
                  .status())
          .isEqualTo(204);
      assertThat(
              api.put("/chat/messages/" + mine + "/reactions/" + emoji("👍"), null, admin.token())
                  .status())
          .isEqualTo(204);
      assertThat(
              api.put("/chat/messages/" + mine + "/reactions/" + emoji("👍"), null, admin.token())
                  .status())
          .isEqualTo(204);
      assertThat(watcher.await("reaction_added").get("count").getIntValue()).isEqualTo(1);
      assertThat(watcher.await("reaction_added").get("count").getIntValue()).isEqualTo(2);
      JsonNode first = list(api.get(history, member.token())).get(0);
      JsonNode reaction = first.get("reactions").get(0);
      assertThat(reaction.get("emoji").getStringValue()).isEqualTo("👍");
      assertThat(reaction.get("count").getIntValue()).isEqualTo(2);
      assertThat(reaction.get("me").getBooleanValue()).isTrue();
      api.delete("/chat/messages/" + mine + "/reactions/" + emoji("👍"), admin.token());
      assertThat(watcher.await("reaction_removed").get("count").getIntValue()).isEqualTo(1);

      // Members delete only their own; moderators delete others'.
      assertThat(api.delete("/chat/messages/" + other, member.token()).status()).isEqualTo(403);
      assertThat(api.delete("/chat/messages/" + mine, mod.token()).status()).isEqualTo(204);
      assertThat(watcher.await("message_deleted").get("id").getLongValue()).isEqualTo(mine);
      JsonNode tombstone = list(api.get(history, admin.token())).get(0);
      assertThat(tombstone.get("deleted").getBooleanValue()).isTrue();
      assertThat(tombstone.get("text").getStringValue()).isEmpty();
      assertThat(
              api.patch("/chat/messages/" + mine, "{\"text\":\"revive\"}", member.token()).status())
          .isEqualTo(404);
    }
  }

  @Test
  void repliesMentionsAndReadState() {
    Session alice = api.newUser("replyer");
    Session bob = api.newUser("mentioned");
    Session carol = api.newUser("bystander");
    Session outsider = api.newUser("notthere");
    long server = fx.server(alice, "Mentions");
    long channel = fx.channel(alice, server, "general", "TEXT");
    fx.member(alice, server, bob);
    fx.member(alice, server, carol);

    try (WsClient bobWs = fx.gateway(bob)) {
      long root = fx.send(alice, server, channel, "question?").json().get("id").getLongValue();
      Response reply =
          api.post(
              "/chat/servers/" + server + "/channels/" + channel + "/messages",
              "{\"text\":\"@"
                  + bob.username()
                  + " and @"
                  + outsider.username()
                  + ", see this.\",\"reply_to\":"
                  + root
                  + "}",
              alice.token());
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
      assertThat(reply.json().get("replyTo").getLongValue()).isEqualTo(root);

      List<JsonNode> frames =
          bobWs.awaitEach(
              f -> "mention".equals(f.get("type").getStringValue()),
              f ->
                  "new_message".equals(f.get("type").getStringValue())
                      && f.get("seq").getLongValue() == 2);
      JsonNode mention = frames.get(0);
      JsonNode created = frames.get(1);
      assertThat(mention.get("message").get("id").getLongValue())
          .isEqualTo(reply.json().get("id").getLongValue());
      assertThat(created.get("mentions").get(0).getLongValue()).isEqualTo(bob.id());
      assertThat(created.get("mentions").size()).isEqualTo(1);
      assertThat(created.get("replyTo").getLongValue()).isEqualTo(root);
    }

    JsonNode bobsChannel =
        list(api.get("/chat/servers/" + server + "/channels", bob.token())).get(0);
    assertThat(bobsChannel.get("unread_count").getLongValue()).isEqualTo(2);
    assertThat(bobsChannel.get("mention_count").getLongValue()).isEqualTo(1);
    JsonNode bobsServer =
        list(api.get("/chat/servers", bob.token())).stream()
            .filter(s -> s.get("id").getLongValue() == server)
            .findFirst()
            .orElseThrow();
    assertThat(bobsServer.get("unread_count").getLongValue()).isEqualTo(2);
    assertThat(bobsServer.get("mention_count").getLongValue()).isEqualTo(1);
    assertThat(
            list(api.get("/chat/servers/" + server + "/channels", carol.token()))
                .get(0)
                .get("mention_count")
                .getLongValue())
        .isZero();

    Response read = api.post("/chat/channels/" + channel + "/read", "{\"seq\":1}", bob.token());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("unread_count").getLongValue()).isEqualTo(1);
    assertThat(read.json().get("mention_count").getLongValue()).isEqualTo(1);
    Response all = api.post("/chat/channels/" + channel + "/read", "{}", bob.token());
    assertThat(all.json().get("unread_count").getLongValue()).isZero();
    assertThat(all.json().get("mention_count").getLongValue()).isZero();
    // Never backwards.
    assertThat(
            api.post("/chat/channels/" + channel + "/read", "{\"seq\":1}", bob.token())
                .json()
                .get("last_read_seq")
                .getLongValue())
        .isEqualTo(2);
    assertThat(
            api.post("/chat/channels/" + channel + "/read", "{\"seq\":99}", bob.token()).status())
        .isEqualTo(400);
    assertThat(api.post("/chat/channels/" + channel + "/read", "{}", outsider.token()).status())
        .isEqualTo(404);
  }

  @Test
  void nativeDirectAndGroupConversations() {
    Session alice = api.newUser("dmnative");
    Session bob = api.newUser("dmnative2");
    Session eve = api.newUser("dmeve");
    try (WsClient bobWs = fx.gateway(bob);
        WsClient eveWs = fx.gateway(eve)) {
      Response dm =
          api.post(
              "/chat/conversations", "{\"participant_ids\":[" + bob.id() + "]}", alice.token());
      assertThat(dm.status()).isEqualTo(201);
      assertThat(dm.json().get("type").getStringValue()).isEqualTo("DM");
      long id = dm.json().get("id").getLongValue();
      assertThat(bobWs.await("conversation_created").get("channelId").getLongValue()).isEqualTo(id);

      // Sent on the gateway, like any channel.
      try (WsClient aliceWs = fx.gateway(alice)) {
        aliceWs.send(
            "{\"type\":\"send_message\",\"channelId\":"
                + id
                + ",\"text\":\"psst\",\"nonce\":\"d1\"}");
        assertThat(aliceWs.await("message_ack").get("seq").getLongValue()).isEqualTo(1);
      }
      JsonNode got = bobWs.await("new_message");
      assertThat(got.get("text").getStringValue()).isEqualTo("psst");
      assertThat(got.get("serverId").isNull()).isTrue();
      assertThat(eveWs.drain(QUIET)).isEmpty();

      assertThat(list(api.get("/chat/conversations", bob.token())))
          .extracting(c -> c.get("id").getLongValue())
          .contains(id);
      assertThat(list(api.get("/chat/conversations/" + id + "/messages", bob.token()))).hasSize(1);
      assertThat(api.get("/chat/conversations/" + id + "/messages", eve.token()).status())
          .isEqualTo(404);
      assertThat(
              api.post(
                      "/chat/conversations/" + id + "/messages",
                      "{\"text\":\"me too\"}",
                      eve.token())
                  .status())
          .isEqualTo(404);

      Response group =
          api.post(
              "/chat/conversations",
              "{\"name\":\"Trio\",\"participant_ids\":[\"" + bob.id() + "\",\"" + eve.id() + "\"]}",
              alice.token());
      assertThat(group.json().get("type").getStringValue()).isEqualTo("GROUP");
      assertThat(group.json().get("participant_ids").size()).isEqualTo(3);
      long groupId = group.json().get("id").getLongValue();
      assertThat(eveWs.await("conversation_created").get("channelId").getLongValue())
          .isEqualTo(groupId);
      Response sent =
          api.post(
              "/chat/conversations/" + groupId + "/messages", "{\"text\":\"hi all\"}", eve.token());
      assertThat(sent.status()).isEqualTo(201);
      assertThat(bobWs.await("new_message").get("text").getStringValue()).isEqualTo("hi all");
    }
  }

  @Test
  void socketFramesForEditsReactionsReadAndStatus() {
    Session alice = api.newUser("sockrich");
    Session bob = api.newUser("sockrich2");
    long server = fx.server(alice, "Frames");
    long channel = fx.channel(alice, server, "general", "TEXT");
    fx.member(alice, server, bob);
    try (WsClient aliceWs = fx.gateway(alice).keepPresence();
        WsClient bobWs = fx.gateway(bob)) {
      aliceWs.send("{\"type\":\"send_message\",\"channelId\":" + channel + ",\"text\":\"v1\"}");
      long id = aliceWs.await("message_ack").get("id").getLongValue();
      aliceWs.send("{\"type\":\"edit_message\",\"messageId\":" + id + ",\"text\":\"v2\"}");
      assertThat(bobWs.await("message_updated").get("text").getStringValue()).isEqualTo("v2");
      bobWs.send("{\"type\":\"add_reaction\",\"messageId\":" + id + ",\"emoji\":\":tada:\"}");
      assertThat(aliceWs.await("reaction_added").get("emoji").getStringValue()).isEqualTo(":tada:");
      bobWs.send("{\"type\":\"edit_message\",\"messageId\":" + id + ",\"text\":\"hijack\"}");
      assertThat(bobWs.await("error").get("code").getStringValue()).isEqualTo("forbidden");
      bobWs.send("{\"type\":\"mark_read\",\"channelId\":" + channel + "}");
      assertThat(bobWs.await("read_state").get("lastReadSeq").getLongValue()).isEqualTo(1);
      bobWs.send("{\"type\":\"set_status\",\"status\":\"dnd\"}");
      JsonNode presence =
          aliceWs.await(
              f ->
                  "presence_update".equals(f.get("type").getStringValue())
                      && f.get("userId").getLongValue() == bob.id()
                      && "dnd".equals(f.get("status").getStringValue()),
              "bob's dnd");
      assertThat(presence.get("username").getStringValue()).isEqualTo(bob.username());
      aliceWs.send("{\"type\":\"delete_message\",\"messageId\":" + id + "}");
      assertThat(bobWs.await("message_deleted").get("id").getLongValue()).isEqualTo(id);
    }
  }
}
