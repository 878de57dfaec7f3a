package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 4, end to end over real HTTP, the native gateway and a seed socket against
 * PostgreSQL: a thread has its own order, shows on its parent, is followed, read, searched and
 * resumed, stays out of the seed surfaces, and is invisible to outsiders on every path.
 */
@MicronautTest(transactional = false)
class ThreadsTest extends ApiTestBase {
  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  private static String thread(long messageId) {
    return "/chat/messages/" + messageId + "/thread";
  }

  @Test
  void aThreadLivesBesideItsChannelOnEverySurface() {
    Session admin = api.newUser("thradm");
    Session member = api.newUser("thrmem");
    Session outsider = api.newUser("throut");
    long server = fx.server(admin, "Threads");
    long channel = fx.channel(admin, server, "general", "TEXT");
    fx.member(admin, server, member);
    long parent = id(fx.send(admin, server, channel, "Where do we meet?"));

    try (WsClient gateway = fx.gateway(member);
        WsClient classic =
            WsClient.connect(
                api.base(),
                "/ws/" + member.id() + "/" + server + "/" + channel + "?token=" + member.token())) {
      Response started = api.post(thread(parent), "{\"name\":\"Meeting\"}", member.token());
      assertThat(started.status()).as(started.toString()).isEqualTo(201);
      long thread = id(started);
      assertThat(started.json().get("channelId").getLongValue()).isEqualTo(channel);
      assertThat(started.json().get("messageId").getLongValue()).isEqualTo(parent);
      assertThat(started.json().get("name").getStringValue()).isEqualTo("Meeting");
      assertThat(started.json().get("following").getBooleanValue()).isTrue();
      Response again = api.post(thread(parent), null, admin.token());
      assertThat(again.status()).isEqualTo(200);
      assertThat(id(again)).isEqualTo(thread);

      JsonNode announced = gateway.await("thread_created");
      assertThat(announced.get("thread").get("id").getLongValue()).isEqualTo(thread);
      assertThat(announced.get("thread").get("messageId").getLongValue()).isEqualTo(parent);

      Response first = fx.send(admin, server, thread, "The usual place @" + member.username());
      assertThat(first.status()).isEqualTo(201);
      assertThat(first.json().get("seq").getLongValue()).isEqualTo(1);
      assertThat(first.json().get("channelId").getLongValue()).isEqualTo(thread);
      gateway.send(
          "{\"type\":\"send_message\",\"channelId\":" + thread + ",\"text\":\"needle reply\"}");
      JsonNode second =
          gateway.await(
              f ->
                  "new_message".equals(f.get("type").getStringValue())
                      && f.get("seq").getLongValue() == 2,
              "the reply sent over the gateway");
      assertThat(second.get("channelId").getLongValue()).isEqualTo(thread);
      long replyPos = second.get("pos").getLongValue();

      // The seed socket on the parent channel sees the next channel message, never the replies.
      fx.send(admin, server, channel, "back in the channel");
      JsonNode seen = classic.await("message");
      assertThat(seen.get("data").get("content").getStringValue()).isEqualTo("back in the channel");

      List<JsonNode> history =
          list(
              api.get(
                  "/chat/servers/" + server + "/channels/" + channel + "/messages",
                  member.token()));
      assertThat(history)
          .extracting(m -> m.get("text").getStringValue())
          .containsExactly("Where do we meet?", "back in the channel");
      JsonNode summary = history.get(0).get("thread");
      assertThat(summary.get("id").getLongValue()).isEqualTo(thread);
      assertThat(summary.get("replyCount").getLongValue()).isEqualTo(2);
      assertThat(summary.get("lastReplyAt").getStringValue()).isNotBlank();
      assertThat(history.get(1).get("thread").isNull()).isTrue();
      assertThat(api.get("/channels/" + channel + "/messages", member.token()).body())
          .contains("back in the channel")
          .doesNotContain("needle reply")
          .doesNotContain("\"thread\"");
      assertThat(
              list(
                  api.get(
                      "/chat/servers/" + server + "/channels/" + thread + "/messages",
                      member.token())))
          .extracting(m -> m.get("text").getStringValue())
          .containsExactly("The usual place @" + member.username(), "needle reply");
      assertThat(list(api.get("/chat/servers/" + server + "/channels", member.token())))
          .extracting(c -> c.get("id").getLongValue())
          .containsExactly(channel);
      assertThat(api.get("/servers/" + server + "/channels", member.token()).body())
          .doesNotContain("Meeting");

      List<JsonNode> threads =
          list(
              api.get(
                  "/chat/servers/" + server + "/channels/" + channel + "/threads", member.token()));
      assertThat(threads)
          .singleElement()
          .satisfies(t -> assertThat(t.get("replyCount").getLongValue()).isEqualTo(2));

      // The member replied and was mentioned: the thread is followed, unread and mentioned.
      JsonNode followed = list(api.get("/chat/threads", member.token())).get(0);
      assertThat(followed.get("thread").get("id").getLongValue()).isEqualTo(thread);
      assertThat(followed.get("unreadCount").getLongValue()).isEqualTo(2);
      assertThat(followed.get("mentionCount").getLongValue()).isEqualTo(1);
      assertThat(api.post("/chat/channels/" + thread + "/read", null, member.token()).status())
          .isEqualTo(200);
      assertThat(
              list(api.get("/chat/threads", member.token()))
                  .get(0)
                  .get("unreadCount")
                  .getLongValue())
          .isZero();
      assertThat(api.delete("/chat/threads/" + thread + "/follow", member.token()).status())
          .isEqualTo(204);
      assertThat(list(api.get("/chat/threads", member.token()))).isEmpty();
      assertThat(
              api.get("/chat/threads/" + thread, member.token())
                  .json()
                  .get("following")
                  .getBooleanValue())
          .isFalse();
      assertThat(api.put("/chat/threads/" + thread + "/follow", null, member.token()).status())
          .isEqualTo(204);
      assertThat(list(api.get("/chat/threads", member.token()))).hasSize(1);

      // The owner's export lists the thread after the channels, with where it branches from.
      JsonNode exported = null;
      for (JsonNode c :
          list(
              api.get("/chat/servers/" + server + "/export", admin.token())
                  .json()
                  .get("channels"))) {
        if (c.get("channel").get("id").getLongValue() == thread) {
          exported = c;
        }
      }
      assertThat(exported).as("the thread in the server export").isNotNull();
      assertThat(exported.get("channel").get("kind").getStringValue()).isEqualTo("THREAD");
      assertThat(exported.get("thread").get("parent_message_id").getLongValue()).isEqualTo(parent);
      assertThat(exported.get("thread").get("parent_channel_id").getLongValue()).isEqualTo(channel);
      assertThat(list(exported.get("messages"))).hasSize(2);

      List<JsonNode> hits =
          list(api.get("/chat/search?q=needle", member.token()).json().get("results"));
      assertThat(hits)
          .singleElement()
          .satisfies(h -> assertThat(h.get("channelId").getLongValue()).isEqualTo(thread));

      // Outsiders: every path answers as if nothing were there.
      assertThat(api.post(thread(parent), null, outsider.token()).status()).isEqualTo(404);
      assertThat(api.get("/chat/threads/" + thread, outsider.token()).status()).isEqualTo(404);
      assertThat(api.put("/chat/threads/" + thread + "/follow", null, outsider.token()).status())
          .isEqualTo(404);
      assertThat(fx.send(outsider, server, thread, "let me in").status()).isEqualTo(404);
      assertThat(
              api.get(
                      "/chat/servers/" + server + "/channels/" + thread + "/messages",
                      outsider.token())
                  .status())
          .isEqualTo(404);
      assertThat(api.get("/chat/search?q=needle", outsider.token()).body())
          .doesNotContain("needle");

      // Resume from the first reply replays the second, as it was announced.
      try (WsClient resumed =
          WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + member.token())) {
        resumed.await("connected");
        resumed.send(
            "{\"type\":\"resume\",\"channels\":{\""
                + thread
                + "\":{\"seq\":1,\"pos\":"
                + (replyPos - 1)
                + "}}}");
        JsonNode replayed = resumed.await("new_message");
        assertThat(replayed.get("channelId").getLongValue()).isEqualTo(thread);
        assertThat(replayed.get("seq").getLongValue()).isEqualTo(2);
        assertThat(resumed.await("resumed").get("unknown").values()).isEmpty();
      }
    }
  }

  @Test
  void threadsAreRefusedWhereTheyCannotBe() {
    Session alice = api.newUser("thral");
    Session bob = api.newUser("thrbob");
    long server = fx.server(alice, "Refusals");
    long channel = fx.channel(alice, server, "general", "TEXT");
    long parent = id(fx.send(alice, server, channel, "parent"));
    long thread = id(api.post(thread(parent), null, alice.token()));
    long reply = id(fx.send(alice, server, thread, "reply"));
    Response dm =
        api.post("/chat/conversations", "{\"participant_ids\":[" + bob.id() + "]}", alice.token());
    long inDm =
        id(
            api.post(
                "/chat/conversations/" + id(dm) + "/messages",
                "{\"text\":\"psst\"}",
                alice.token()));

    Response nested = api.post(thread(reply), null, alice.token());
    assertThat(nested.status()).isEqualTo(400);
    assertThat(nested.body()).contains("inside a thread");

    Response longName =
        api.post(
            thread(id(fx.send(alice, server, channel, "x"))),
            "{\"name\":\"" + "n".repeat(101) + "\"}",
            alice.token());
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.body()).contains("name");
    assertThat(api.post(thread(999_999_999L), null, alice.token()).status()).isEqualTo(404);
    Response hookOnThread =
        api.post("/chat/channels/" + thread + "/webhooks", "{\"name\":\"CI\"}", alice.token());
    assertThat(hookOnThread.status()).isEqualTo(400);
    assertThat(hookOnThread.body()).contains("not to threads");
    assertThat(api.get("/chat/threads/" + channel, alice.token()).status()).isEqualTo(404);
    assertThat(api.get("/chat/threads?limit=0", alice.token()).status()).isEqualTo(400);
    // A thread is not one of the server's channels: it cannot be renamed or deleted as one.
    assertThat(
            api.delete("/chat/servers/" + server + "/channels/" + thread, alice.token()).status())
        .isEqualTo(404);
    assertThat(
            api.delete("/chat/servers/" + server + "/channels/" + channel, alice.token()).status())
        .isEqualTo(204);
    assertThat(api.get("/chat/threads/" + thread, alice.token()).status()).isEqualTo(404);
  }

  @Test
  void aConversationsThreadIsLiveForItsParticipantsAndHiddenFromTheSeedSurface() {
    Session alice = api.newUser("thrcal");
    Session bob = api.newUser("thrcbo");
    Session carol = api.newUser("thrcca");
    Response dm =
        api.post("/chat/conversations", "{\"participant_ids\":[" + bob.id() + "]}", alice.token());
    long conversation = id(dm);
    long parent =
        id(
            api.post(
                "/chat/conversations/" + conversation + "/messages",
                "{\"text\":\"Dinner on Friday?\"}",
                alice.token()));

    try (WsClient bobGateway = fx.gateway(bob);
        WsClient carolGateway = fx.gateway(carol);
        WsClient seed =
            WsClient.connect(
                api.base(), "/api/chat/ws/" + conversation + "?token=" + bob.token())) {
      seed.await("system");
      Response started = api.post(thread(parent), null, alice.token());
      assertThat(started.status()).as(started.toString()).isEqualTo(201);
      long thread = id(started);
      assertThat(started.json().get("serverId").isNull()).isTrue();
      assertThat(started.json().get("name").getStringValue()).isEqualTo("Dinner on Friday?");
      assertThat(bobGateway.await("thread_created").get("thread").get("id").getLongValue())
          .isEqualTo(thread);

      Response reply =
          api.post(
              "/chat/threads/" + thread + "/messages", "{\"text\":\"Sure, 8pm\"}", bob.token());
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
      JsonNode live =
          bobGateway.await(
              f ->
                  "new_message".equals(f.get("type").getStringValue())
                      && f.get("channelId").getLongValue() == thread,
              "the reply, live on the gateway that was open before the thread began");
      assertThat(live.get("text").getStringValue()).isEqualTo("Sure, 8pm");
      assertThat(
              list(api.get("/chat/threads/" + thread + "/messages", alice.token()))
                  .get(0)
                  .get("text")
                  .getStringValue())
          .isEqualTo("Sure, 8pm");
      assertThat(
              list(api.get("/chat/conversations/" + conversation + "/messages", alice.token()))
                  .get(0)
                  .get("thread")
                  .get("replyCount")
                  .getLongValue())
          .isEqualTo(1);
      assertThat(list(api.get("/chat/conversations/" + conversation + "/threads", bob.token())))
          .extracting(t -> t.get("id").getLongValue())
          .containsExactly(thread);
      assertThat(list(api.get("/chat/threads", bob.token())))
          .extracting(f -> f.get("thread").get("id").getLongValue())
          .containsExactly(thread);
      Response read = api.post("/chat/channels/" + thread + "/read", null, alice.token());
      assertThat(read.status()).as(read.toString()).isEqualTo(200);
      assertThat(read.json().get("unread_count").getLongValue()).isZero();
      assertThat(api.get("/chat/read-state", alice.token()).body())
          .as("threads stay out of the read-state list")
          .doesNotContain("\"channel_id\":" + thread + ",");

      // Seed 002's conversation surface keeps its shape: no replies, no thread as a conversation.
      seed.send("{\"type\": \"message\", \"content\": \"back in the DM\"}");
      assertThat(seed.await("message").get("content").getStringValue()).isEqualTo("back in the DM");
      assertThat(
              api.get("/api/chat/conversations/" + conversation + "/messages", bob.token()).body())
          .doesNotContain("Sure, 8pm");
      assertThat(api.get("/api/chat/conversations/" + thread + "/messages", bob.token()).status())
          .isEqualTo(404);
      assertThat(api.get("/chat/conversations", bob.token()).body())
          .doesNotContain("\"id\":" + thread + ",");

      // Carol is in neither: every path answers as if nothing were there.
      assertThat(api.get("/chat/threads/" + thread, carol.token()).status()).isEqualTo(404);
      assertThat(api.get("/chat/threads/" + thread + "/messages", carol.token()).status())
          .isEqualTo(404);
      assertThat(
              api.post("/chat/threads/" + thread + "/messages", "{\"text\":\"hi\"}", carol.token())
                  .status())
          .isEqualTo(404);
      assertThat(api.post(thread(parent), null, carol.token()).status()).isEqualTo(404);
      carolGateway.send(
          "{\"type\":\"send_message\",\"channelId\":" + thread + ",\"text\":\"sneak\"}");
      assertThat(carolGateway.await("error").get("code").getStringValue()).isNotBlank();
      assertThat(carolGateway.drain(java.time.Duration.ofMillis(300)))
          .noneMatch(f -> dev.parley.bootstrap.support.Api.json(f).contains("Sure, 8pm"));
    }
  }

  private static long id(Response response) {
    return response.json().get("id").getLongValue();
  }

  private static List<JsonNode> list(Response response) {
    return list(response.json());
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.values().forEach(out::add);
    return out;
  }
}
