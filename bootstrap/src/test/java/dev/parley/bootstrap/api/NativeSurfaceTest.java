package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seeds 000/001: the native REST API and gateway, end to end over real HTTP and sockets. */
@MicronautTest(transactional = false)
class NativeSurfaceTest extends ApiTestBase {
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

  @Test
  void documentedFlowCreateServerChannelsMemberConnectSendTypeHistory() {
    Session alice = api.newUser("alice");
    Session bob = api.newUser("bob");
    Session carol = api.newUser("carol");

    Response created =
        api.post(
            "/chat/servers",
            "{\"name\":\"Book Club\",\"description\":\"Monthly reads\"}",
            alice.token());
    assertThat(created.status()).isEqualTo(201);
    long serverId = created.json().get("id").getLongValue();
    assertThat(created.json().get("role").getStringValue()).isEqualTo("ADMIN");
    assertThat(created.json().get("owner_id").getLongValue()).isEqualTo(alice.id());

    long text = fx.channel(alice, serverId, "general", "TEXT");
    long voice = fx.channel(alice, serverId, "Voice Room", "voice");
    List<JsonNode> channels =
        list(api.get("/chat/servers/" + serverId + "/channels", alice.token()));
    assertThat(channels)
        .extracting(c -> c.get("type").getStringValue())
        .containsExactly("TEXT", "VOICE");
    assertThat(channels).extracting(c -> c.get("id").getLongValue()).containsExactly(text, voice);

    Response added =
        api.post(
            "/chat/servers/" + serverId + "/members",
            "{\"user_id\":" + bob.id() + "}",
            alice.token());
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().get("role").getStringValue()).isEqualTo("MEMBER");
    assertThat(list(api.get("/chat/servers", bob.token())))
        .extracting(s -> s.get("id").getLongValue())
        .contains(serverId);

    try (WsClient aliceWs = WsClient.connect(api.base(), "/chat/ws?token=" + alice.token());
        WsClient aliceTab2 = fx.gateway(alice);
        WsClient bobWs = WsClient.connect(api.base(), "/chat/ws?token=" + bob.token());
        WsClient carolWs = fx.gateway(carol)) {
      JsonNode connected = aliceWs.await("connected");
      assertThat(connected.get("user_id").getLongValue()).isEqualTo(alice.id());
      assertThat(connected.get("username").getStringValue()).isEqualTo(alice.username());
      assertThat(connected.get("message").getStringValue()).isNotBlank();
      bobWs.await("connected");

      aliceWs.send(
          "{\"type\":\"send_message\",\"serverId\":\""
              + serverId
              + "\",\"channelId\":\""
              + text
              + "\",\"text\":\"Hello!\",\"nonce\":\"n-1\"}");

      JsonNode received = bobWs.await("new_message");
      assertThat(received.get("id").isNumber()).isTrue();
      assertThat(received.get("user").getStringValue()).isEqualTo(alice.username());
      assertThat(received.get("userId").getLongValue()).isEqualTo(alice.id());
      assertThat(received.get("text").getStringValue()).isEqualTo("Hello!");
      assertThat(Instant.parse(received.get("timestamp").getStringValue())).isBefore(Instant.now());
      assertThat(received.get("serverId").getLongValue()).isEqualTo(serverId);
      assertThat(received.get("channelId").getLongValue()).isEqualTo(text);
      assertThat(received.get("seq").getLongValue()).isEqualTo(1);

      JsonNode ack = aliceWs.await("message_ack");
      assertThat(ack.get("nonce").getStringValue()).isEqualTo("n-1");
      assertThat(ack.get("id").getLongValue()).isEqualTo(received.get("id").getLongValue());
      assertThat(ack.get("seq").getLongValue()).isEqualTo(1);
      assertThat(aliceTab2.await("new_message").get("id").getLongValue())
          .isEqualTo(received.get("id").getLongValue());

      bobWs.send(
          "{\"type\":\"typing_start\",\"serverId\":" + serverId + ",\"channelId\":" + text + "}");
      JsonNode typing = aliceWs.await("typing_start");
      assertThat(typing.get("username").getStringValue()).isEqualTo(bob.username());
      assertThat(typing.get("serverId").getLongValue()).isEqualTo(serverId);
      assertThat(typing.get("channelId").getLongValue()).isEqualTo(text);
      bobWs.send(
          "{\"type\":\"typing_stop\",\"serverId\":" + serverId + ",\"channelId\":" + text + "}");
      assertThat(aliceWs.await("typing_stop").get("username").getStringValue())
          .isEqualTo(bob.username());
      assertThat(bobWs.drain(QUIET))
          .noneMatch(f -> f.get("type").getStringValue().startsWith("typing"));

      // The outsider saw nothing of it.
      assertThat(carolWs.drain(QUIET)).isEmpty();
    }

    List<JsonNode> history =
        list(
            api.get(
                "/chat/servers/" + serverId + "/channels/" + text + "/messages?limit=50&offset=0",
                bob.token()));
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("text").getStringValue()).isEqualTo("Hello!");
    assertThat(history.get(0).get("user").getStringValue()).isEqualTo(alice.username());
    assertThat(history.get(0).get("seq").getLongValue()).isEqualTo(1);
  }

  @Test
  void historyPagesByOffsetAndCursorsOldestFirst() {
    Session alice = api.newUser("pager");
    long serverId = fx.server(alice, "Pages");
    long channel = fx.channel(alice, serverId, "log", "TEXT");
    long[] ids = new long[8];
    for (int i = 1; i <= 7; i++) {
      Response sent = fx.send(alice, serverId, channel, "m" + i);
      assertThat(sent.status()).isEqualTo(201);
      assertThat(sent.json().get("seq").getLongValue()).isEqualTo(i);
      ids[i] = sent.json().get("id").getLongValue();
    }
    String base = "/chat/servers/" + serverId + "/channels/" + channel + "/messages";

    assertThat(texts(api.get(base + "?limit=3", alice.token()))).containsExactly("m5", "m6", "m7");
    assertThat(texts(api.get(base + "?limit=3&offset=3", alice.token())))
        .containsExactly("m2", "m3", "m4");
    assertThat(texts(api.get(base + "?limit=2&before=" + ids[5], alice.token())))
        .containsExactly("m3", "m4");
    assertThat(texts(api.get(base + "?limit=2&after=" + ids[2], alice.token())))
        .containsExactly("m3", "m4");
    assertThat(texts(api.get(base + "?after_seq=5", alice.token()))).containsExactly("m6", "m7");
    assertThat(texts(api.get(base, alice.token()))).hasSize(7);
  }

  private static List<String> texts(Response response) {
    return list(response).stream().map(m -> m.get("text").getStringValue()).toList();
  }

  @Test
  void rolesDecideWhoManagesAndOutsidersSeeNothing() {
    Session admin = api.newUser("admin");
    Session member = api.newUser("member");
    Session outsider = api.newUser("outsider");
    long serverId = fx.server(admin, "Roles");
    long channel = fx.channel(admin, serverId, "general", "TEXT");
    fx.member(admin, serverId, member);
    String s = "/chat/servers/" + serverId;

    // A member reads and writes but does not manage.
    assertThat(api.get(s + "/channels", member.token()).status()).isEqualTo(200);
    assertThat(fx.send(member, serverId, channel, "hi").status()).isEqualTo(201);
    assertForbidden(api.post(s + "/channels", "{\"name\":\"x\"}", member.token()));
    assertForbidden(
        api.post(s + "/members", "{\"user_id\":" + outsider.id() + "}", member.token()));
    assertForbidden(api.delete(s + "/members/" + admin.id(), member.token()));
    assertForbidden(api.delete(s, member.token()));

    // An outsider cannot tell the server exists.
    for (Response r :
        List.of(
            api.get(s + "/channels", outsider.token()),
            api.post(s + "/channels", "{\"name\":\"x\"}", outsider.token()),
            api.get(s + "/members", outsider.token()),
            api.post(s + "/members", "{\"user_id\":" + outsider.id() + "}", outsider.token()),
            api.delete(s + "/members/" + member.id(), outsider.token()),
            api.delete(s, outsider.token()),
            api.get(s + "/channels/" + channel + "/messages", outsider.token()),
            fx.send(outsider, serverId, channel, "let me in"),
            api.get("/chat/servers/999999/channels", outsider.token()))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.json().get("error").getStringValue()).isEqualTo("not_found");
    }
    assertThat(list(api.get("/chat/servers", outsider.token())))
        .noneMatch(x -> x.get("id").getLongValue() == serverId);

    // A channel is not reachable through another server's path.
    long otherServer = fx.server(outsider, "Elsewhere");
    assertThat(fx.send(outsider, otherServer, channel, "sneaky").status()).isEqualTo(404);

    // The owner cannot be removed; a member may leave.
    assertForbidden(api.delete(s + "/members/" + admin.id(), admin.token()));
    assertThat(api.delete(s + "/members/" + member.id(), member.token()).status()).isEqualTo(204);
    assertThat(api.get(s + "/channels", member.token()).status()).isEqualTo(404);
  }

  private static void assertForbidden(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(403);
    assertThat(response.json().get("error").getStringValue()).isEqualTo("forbidden");
  }

  @Test
  void socketErrorsKeepTheSocketOpenAndOutsidersGetErrors() {
    Session admin = api.newUser("sockadmin");
    Session outsider = api.newUser("sockout");
    long serverId = fx.server(admin, "Sockets");
    long channel = fx.channel(admin, serverId, "general", "TEXT");
    long voice = fx.channel(admin, serverId, "talk", "VOICE");

    try (WsClient ws = fx.gateway(admin);
        WsClient out = fx.gateway(outsider)) {
      List<String> bad =
          List.of(
              "not json",
              "[1,2]",
              "{\"channelId\":1}",
              "{\"type\":\"fly\"}",
              "{\"type\":\"send_message\",\"text\":\"no channel\"}",
              "{\"type\":\"send_message\",\"channelId\":\"abc\",\"text\":\"x\"}",
              "{\"type\":\"send_message\",\"channelId\":" + channel + "}",
              "{\"type\":\"send_message\",\"channelId\":" + channel + ",\"text\":\"   \"}",
              "{\"type\":\"send_message\",\"channelId\":"
                  + channel
                  + ",\"text\":\""
                  + "x".repeat(4001)
                  + "\"}",
              "{\"type\":\"send_message\",\"channelId\":" + voice + ",\"text\":\"to voice\"}",
              "{\"type\":\"send_message\",\"serverId\":999999,\"channelId\":"
                  + channel
                  + ",\"text\":\"x\"}",
              "{\"type\":\"typing_start\",\"channelId\":999999}");
      for (String frame : bad) {
        ws.send(frame);
        JsonNode error = ws.await("error");
        assertThat(error.get("message").getStringValue()).as(frame).isNotBlank();
      }
      // Still open and working.
      ws.send("{\"type\":\"send_message\",\"channelId\":" + channel + ",\"text\":\"still here\"}");
      assertThat(ws.await("new_message").get("text").getStringValue()).isEqualTo("still here");

      // The outsider gets an error for every event about the channel, and no messages.
      for (String frame :
          List.of(
              "{\"type\":\"send_message\",\"serverId\":"
                  + serverId
                  + ",\"channelId\":"
                  + channel
                  + ",\"text\":\"x\"}",
              "{\"type\":\"typing_start\",\"serverId\":"
                  + serverId
                  + ",\"channelId\":"
                  + channel
                  + "}",
              "{\"type\":\"typing_stop\",\"serverId\":"
                  + serverId
                  + ",\"channelId\":"
                  + channel
                  + "}")) {
        out.send(frame);
        JsonNode error = out.await("error");
        assertThat(error.get("code").getStringValue()).isEqualTo("not_found");
      }
      assertThat(out.drain(QUIET)).isEmpty();
      assertThat(ws.drain(QUIET))
          .noneMatch(f -> f.get("type").getStringValue().equals("new_message"));
    }
  }

  @Test
  void upgradesWithoutAValidTokenAreRefused() {
    assertThat(WsClient.upgradeStatus(api.base(), "/chat/ws")).isEqualTo(401);
    assertThat(WsClient.upgradeStatus(api.base(), "/chat/ws?token=garbage")).isEqualTo(401);
  }

  @Test
  void badInputIs4xxNeverServerError() {
    Session admin = api.newUser("badin");
    long serverId = fx.server(admin, "Bad input");
    long channel = fx.channel(admin, serverId, "general", "TEXT");
    String s = "/chat/servers/" + serverId;
    String messages = s + "/channels/" + channel + "/messages";
    List<Response> responses =
        List.of(
            api.post("/chat/servers", "{\"name\":\"\"}", admin.token()),
            api.post("/chat/servers", "{\"name\":\"" + "n".repeat(101) + "\"}", admin.token()),
            api.post("/chat/servers", "{}", admin.token()),
            api.post("/chat/servers", "{\"name\":\"nul\\u0000\"}", admin.token()),
            api.post(s + "/channels", "{\"name\":\"stage\",\"type\":\"STAGE\"}", admin.token()),
            api.post(s + "/channels", "{\"name\":\"c\",\"position\":-1}", admin.token()),
            api.post(s + "/channels", "not json", admin.token()),
            api.post(messages, "{\"text\":\"\"}", admin.token()),
            api.post(messages, "{\"text\":\"" + "x".repeat(4001) + "\"}", admin.token()),
            api.post(messages, "{\"text\":\"nul \\u0000 inside\"}", admin.token()),
            api.post(
                messages, "{\"text\":\"ok\",\"nonce\":\"" + "n".repeat(65) + "\"}", admin.token()),
            api.get(messages + "?limit=1000", admin.token()),
            api.get(messages + "?limit=0", admin.token()),
            api.get(messages + "?limit=abc", admin.token()),
            api.get(messages + "?limit=99999999999999999999", admin.token()),
            api.get(messages + "?offset=-1", admin.token()),
            api.get(messages + "?before=987654321", admin.token()),
            api.get(messages + "?before=1&after=2", admin.token()),
            api.get("/chat/servers/abc/channels", admin.token()),
            api.post(s + "/members", "{\"user_id\":987654321}", admin.token()),
            api.post(s + "/members", "{}", admin.token()),
            api.post(s + "/members", "{\"username\":\"bad name!\"}", admin.token()),
            api.post(s + "/members", "{\"user_id\":" + admin.id() + "}", admin.token()));
    for (Response r : responses) {
      assertThat(r.status()).as(r.toString()).isBetween(400, 499);
      assertThat(r.json().get("message").getStringValue()).isNotBlank();
    }
  }

  @Test
  void htmlIsStoredVerbatimAndServedAsJson() {
    Session alice = api.newUser("html");
    long serverId = fx.server(alice, "<b>Bold</b> server");
    long channel = fx.channel(alice, serverId, "general", "TEXT");
    String evil = "<script>alert('x')</script> & <img src=x onerror=alert(1)>";
    assertThat(fx.send(alice, serverId, channel, evil).status()).isEqualTo(201);

    Response history =
        api.get("/chat/servers/" + serverId + "/channels/" + channel + "/messages", alice.token());
    assertThat(history.header("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(list(history).get(0).get("text").getStringValue()).isEqualTo(evil);
    assertThat(list(api.get("/chat/servers", alice.token())))
        .anyMatch(x -> x.get("name").getStringValue().equals("<b>Bold</b> server"));
  }

  @Test
  void removedMembersStopReceivingAtOnceAndDeletedServersTellEveryone() {
    Session admin = api.newUser("remover");
    Session bob = api.newUser("removed");
    long serverId = fx.server(admin, "Removal");
    long channel = fx.channel(admin, serverId, "general", "TEXT");
    fx.member(admin, serverId, bob);

    try (WsClient adminWs = fx.gateway(admin);
        WsClient bobWs = fx.gateway(bob)) {
      fx.send(admin, serverId, channel, "before");
      assertThat(bobWs.await("new_message").get("text").getStringValue()).isEqualTo("before");

      assertThat(
              api.delete("/chat/servers/" + serverId + "/members/" + bob.id(), admin.token())
                  .status())
          .isEqualTo(204);
      JsonNode left = bobWs.await("member_left");
      assertThat(left.get("userId").getLongValue()).isEqualTo(bob.id());
      assertThat(left.get("reason").getStringValue()).isEqualTo("REMOVED");

      fx.send(admin, serverId, channel, "after");
      assertThat(adminWs.await(f -> "after".equals(text(f)), "the admin's own message"))
          .isNotNull();
      assertThat(bobWs.drain(QUIET))
          .noneMatch(f -> "new_message".equals(f.get("type").getStringValue()));

      // Re-added, bob follows the server again without reconnecting.
      fx.member(admin, serverId, bob);
      bobWs.await("member_joined");
      fx.send(admin, serverId, channel, "welcome back");
      assertThat(bobWs.await("new_message").get("text").getStringValue()).isEqualTo("welcome back");

      assertThat(api.delete("/chat/servers/" + serverId, admin.token()).status()).isEqualTo(204);
      assertThat(bobWs.await("server_deleted").get("serverId").getLongValue()).isEqualTo(serverId);
      assertThat(api.get("/chat/servers/" + serverId + "/channels", admin.token()).status())
          .isEqualTo(404);
    }
  }

  private static String text(JsonNode frame) {
    return frame.get("text") == null ? null : frame.get("text").getStringValue();
  }

  @Test
  void newServersAreFollowedWithoutReconnecting() {
    Session alice = api.newUser("creator");
    try (WsClient ws = fx.gateway(alice)) {
      long serverId = fx.server(alice, "Fresh");
      long channel = fx.channel(alice, serverId, "general", "TEXT");
      assertThat(ws.await("channel_created").get("channel").get("id").getLongValue())
          .isEqualTo(channel);
      fx.send(alice, serverId, channel, "first");
      assertThat(ws.await("new_message").get("text").getStringValue()).isEqualTo("first");
    }
  }

  @Test
  void restSendIsIdempotentPerNonce() {
    Session alice = api.newUser("nonce");
    long serverId = fx.server(alice, "Nonces");
    long channel = fx.channel(alice, serverId, "general", "TEXT");
    String path = "/chat/servers/" + serverId + "/channels/" + channel + "/messages";
    Response first = api.post(path, "{\"text\":\"once\",\"nonce\":\"abc-1\"}", alice.token());
    Response again = api.post(path, "{\"text\":\"once\",\"nonce\":\"abc-1\"}", alice.token());
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").getLongValue())
        .isEqualTo(first.json().get("id").getLongValue());
    Response viaHeader =
        api.send(
            "POST",
            path,
            "application/json",
            "{\"text\":\"hdr\"}",
            alice.token(),
            "Idempotency-Key",
            "key-9");
    Response viaHeaderAgain =
        api.send(
            "POST",
            path,
            "application/json",
            "{\"text\":\"hdr\"}",
            alice.token(),
            "Idempotency-Key",
            "key-9");
    assertThat(viaHeader.status()).isEqualTo(201);
    assertThat(viaHeaderAgain.status()).isEqualTo(200);
    assertThat(texts(api.get(path, alice.token()))).containsExactly("once", "hdr");
  }
}
