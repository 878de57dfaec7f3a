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
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 6: presence, invites, categories and ordering, edits, roles, kick, ban and timeout. */
@MicronautTest(transactional = false)
class CommunityTest extends ApiTestBase {
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
  void presenceFollowsConnectionsAndChosenStatusAndShowsInTheMemberList() {
    Session alice = api.newUser("present");
    Session bob = api.newUser("watching");
    long server = fx.server(alice, "Presence");
    fx.member(alice, server, bob);
    String members = "/chat/servers/" + server + "/members";
    try (WsClient bobWs = fx.gateway(bob).keepPresence()) {
      assertThat(statusOf(list(api.get(members, bob.token())), alice)).isEqualTo("offline");
      try (WsClient aliceWs = fx.gateway(alice).keepPresence()) {
        JsonNode online = awaitStatus(bobWs, alice, "online");
        assertThat(online.get("username").getStringValue()).isEqualTo(alice.username());
        assertThat(statusOf(list(api.get(members, bob.token())), alice)).isEqualTo("online");
        assertThat(
                api.put("/chat/presence", "{\"status\":\"idle\"}", alice.token())
                    .json()
                    .get("status")
                    .getStringValue())
            .isEqualTo("idle");
        awaitStatus(bobWs, alice, "idle");
        api.put("/chat/presence", "{\"status\":\"invisible\"}", alice.token());
        awaitStatus(bobWs, alice, "offline");
        assertThat(api.put("/chat/presence", "{\"status\":\"sleepy\"}", alice.token()).status())
            .isEqualTo(400);
        api.put("/chat/presence", "{\"status\":\"online\"}", alice.token());
        awaitStatus(bobWs, alice, "online");
      }
      awaitStatus(bobWs, alice, "offline");
      assertThat(
              list(api.get("/chat/presence?user_ids=" + alice.id() + "," + bob.id(), bob.token())))
          .extracting(p -> p.get("status").getStringValue())
          .containsExactly("offline", "online");
    }
  }

  private static JsonNode awaitStatus(WsClient ws, Session who, String status) {
    return ws.await(
        f ->
            "presence_update".equals(f.get("type").getStringValue())
                && f.get("userId").getLongValue() == who.id()
                && status.equals(f.get("status").getStringValue()),
        who.username() + " " + status);
  }

  private static String statusOf(List<JsonNode> members, Session who) {
    return members.stream()
        .filter(m -> m.get("user_id").getLongValue() == who.id())
        .findFirst()
        .orElseThrow()
        .get("presence")
        .getStringValue();
  }

  @Test
  void invitesWithLimitsJoinAndRevoke() {
    Session owner = api.newUser("inviter");
    Session member = api.newUser("plain");
    Session guest = api.newUser("guest");
    Session late = api.newUser("late");
    long server = fx.server(owner, "Invites");
    fx.member(owner, server, member);

    assertThat(api.post("/chat/servers/" + server + "/invites", "{}", member.token()).status())
        .isEqualTo(403);
    Response created =
        api.post(
            "/chat/servers/" + server + "/invites",
            "{\"max_uses\":1,\"max_age_seconds\":3600}",
            owner.token());
    assertThat(created.status()).isEqualTo(201);
    String code = created.json().get("code").getStringValue();
    assertThat(code).hasSize(10);
    assertThat(created.json().get("expires_at").isString()).isTrue();

    Response preview = api.get("/chat/invites/" + code, guest.token());
    assertThat(preview.json().get("server_name").getStringValue()).isEqualTo("Invites");
    Response joined = api.post("/chat/invites/" + code + "/join", null, guest.token());
    assertThat(joined.status()).isEqualTo(200);
    assertThat(joined.json().get("id").getLongValue()).isEqualTo(server);
    assertThat(api.get("/chat/servers/" + server + "/channels", guest.token()).status())
        .isEqualTo(200);
    // Used up: the next person cannot join; joining again as a member is harmless.
    assertThat(api.post("/chat/invites/" + code + "/join", null, late.token()).status())
        .isEqualTo(404);
    assertThat(api.post("/chat/invites/" + code + "/join", null, guest.token()).status())
        .isEqualTo(200);

    String open =
        api.post("/chat/servers/" + server + "/invites", null, owner.token())
            .json()
            .get("code")
            .getStringValue();
    assertThat(list(api.get("/chat/servers/" + server + "/invites", owner.token()))).hasSize(2);
    assertThat(api.delete("/chat/invites/" + open, member.token()).status()).isEqualTo(403);
    assertThat(api.delete("/chat/invites/" + open, owner.token()).status()).isEqualTo(204);
    assertThat(api.post("/chat/invites/" + open + "/join", null, late.token()).status())
        .isEqualTo(404);
    assertThat(api.get("/chat/invites/nope12345", late.token()).status()).isEqualTo(404);
    assertThat(
            api.post("/chat/servers/" + server + "/invites", "{\"max_uses\":0}", owner.token())
                .status())
        .isEqualTo(400);
  }

  @Test
  void categoriesOrderingAndEditsAreAdminOnly() {
    Session admin = api.newUser("arranger");
    Session member = api.newUser("viewer2");
    long server = fx.server(admin, "Layout");
    fx.member(admin, server, member);
    long a = fx.channel(admin, server, "a", "TEXT");
    long b = fx.channel(admin, server, "b", "TEXT");
    String s = "/chat/servers/" + server;

    Response moved =
        api.patch(
            s + "/channels/" + b,
            "{\"position\":0,\"category\":\"Info\",\"name\":\"rules\"}",
            admin.token());
    assertThat(moved.status()).isEqualTo(200);
    api.patch(s + "/channels/" + a, "{\"position\":5}", admin.token());
    List<JsonNode> channels = list(api.get(s + "/channels", member.token()));
    assertThat(channels).extracting(c -> c.get("id").getLongValue()).containsExactly(b, a);
    assertThat(channels.get(0).get("category").getStringValue()).isEqualTo("Info");
    assertThat(channels.get(0).get("name").getStringValue()).isEqualTo("rules");

    assertThat(api.patch(s + "/channels/" + a, "{\"name\":\"x\"}", member.token()).status())
        .isEqualTo(403);
    assertThat(
            api.patch(s, "{\"name\":\"Renamed\",\"icon\":\"https://x/icon.png\"}", member.token())
                .status())
        .isEqualTo(403);
    Response renamed =
        api.patch(s, "{\"name\":\"Renamed\",\"icon\":\"https://x/icon.png\"}", admin.token());
    assertThat(renamed.json().get("name").getStringValue()).isEqualTo("Renamed");
    assertThat(renamed.json().get("icon").getStringValue()).isEqualTo("https://x/icon.png");

    try (WsClient memberWs = fx.gateway(member);
        WsClient roomSocket =
            WsClient.connect(
                api.base(),
                "/ws/" + member.id() + "/" + server + "/" + a + "?token=" + member.token())) {
      assertThat(api.delete(s + "/channels/" + a, member.token()).status()).isEqualTo(403);
      assertThat(api.delete(s + "/channels/" + a, admin.token()).status()).isEqualTo(204);
      assertThat(memberWs.await("channel_deleted").get("channelId").getLongValue()).isEqualTo(a);
      assertThat(roomSocket.awaitClose()).isEqualTo(4403);
    }
    assertThat(list(api.get(s + "/channels", member.token()))).hasSize(1);
  }

  @Test
  void rolesKickBanAndTimeoutRespectRank() {
    Session owner = api.newUser("boss");
    Session admin2 = api.newUser("admin2");
    Session mod = api.newUser("mod");
    Session member = api.newUser("member");
    Session troll = api.newUser("troll");
    long server = fx.server(owner, "Moderation");
    long channel = fx.channel(owner, server, "general", "TEXT");
    for (Session s : List.of(admin2, mod, member, troll)) {
      fx.member(owner, server, s);
    }
    String s = "/chat/servers/" + server;
    assertThat(
            api.patch(s + "/members/" + admin2.id(), "{\"role\":\"ADMIN\"}", owner.token())
                .json()
                .get("role")
                .getStringValue())
        .isEqualTo("ADMIN");
    api.patch(s + "/members/" + mod.id(), "{\"role\":\"moderator\"}", admin2.token());
    assertThat(
            api.patch(s + "/members/" + owner.id(), "{\"role\":\"MEMBER\"}", admin2.token())
                .status())
        .isEqualTo(403);
    assertThat(
            api.patch(s + "/members/" + member.id(), "{\"role\":\"ADMIN\"}", mod.token()).status())
        .isEqualTo(403);
    assertThat(
            api.patch(s + "/members/" + member.id(), "{\"role\":\"KING\"}", owner.token()).status())
        .isEqualTo(400);

    // Timeout: the member reads but cannot write until it ends.
    Response timedOut =
        api.post(
            s + "/members/" + troll.id() + "/timeout", "{\"duration_seconds\":600}", mod.token());
    assertThat(timedOut.status()).isEqualTo(200);
    assertThat(timedOut.json().get("timeout_until").isString()).isTrue();
    assertThat(fx.send(troll, server, channel, "spam").status()).isEqualTo(403);
    assertThat(api.get(s + "/channels/" + channel + "/messages", troll.token()).status())
        .isEqualTo(200);
    assertThat(
            api.post(
                    s + "/members/" + mod.id() + "/timeout",
                    "{\"duration_seconds\":60}",
                    mod.token())
                .status())
        .isEqualTo(403);
    assertThat(
            api.post(
                    s + "/members/" + admin2.id() + "/timeout",
                    "{\"duration_seconds\":60}",
                    mod.token())
                .status())
        .isEqualTo(403);
    assertThat(
            api.post(
                    s + "/members/" + troll.id() + "/timeout",
                    "{\"duration_seconds\":9999999}",
                    mod.token())
                .status())
        .isEqualTo(400);
    api.post(s + "/members/" + troll.id() + "/timeout", "{\"duration_seconds\":0}", mod.token());
    assertThat(fx.send(troll, server, channel, "sorry").status()).isEqualTo(201);

    // Kick: gone at once, may come back.
    try (WsClient trollWs = fx.gateway(troll)) {
      assertThat(api.post(s + "/members/" + troll.id() + "/kick", null, member.token()).status())
          .isEqualTo(403);
      assertThat(api.post(s + "/members/" + troll.id() + "/kick", null, mod.token()).status())
          .isEqualTo(204);
      assertThat(trollWs.await("member_left").get("reason").getStringValue()).isEqualTo("KICKED");
      fx.send(owner, server, channel, "after the kick");
      assertThat(trollWs.drain(Duration.ofMillis(400)))
          .noneMatch(f -> "new_message".equals(f.get("type").getStringValue()));
    }
    assertThat(api.get(s + "/channels", troll.token()).status()).isEqualTo(404);
    fx.member(owner, server, troll);

    // Ban: removed and kept out, by add and by invite, until unbanned.
    assertThat(api.put(s + "/bans/" + troll.id(), "{\"reason\":\"again\"}", mod.token()).status())
        .isEqualTo(403);
    assertThat(api.put(s + "/bans/" + troll.id(), "{\"reason\":\"again\"}", owner.token()).status())
        .isEqualTo(204);
    assertThat(api.get(s + "/channels", troll.token()).status()).isEqualTo(404);
    assertThat(list(api.get(s + "/bans", owner.token())))
        .singleElement()
        .satisfies(ban -> assertThat(ban.get("reason").getStringValue()).isEqualTo("again"));
    assertThat(api.post(s + "/members", "{\"user_id\":" + troll.id() + "}", owner.token()).status())
        .isEqualTo(409);
    String code = api.post(s + "/invites", null, owner.token()).json().get("code").getStringValue();
    assertThat(api.post("/chat/invites/" + code + "/join", null, troll.token()).status())
        .isEqualTo(403);
    assertThat(api.delete(s + "/bans/" + troll.id(), owner.token()).status()).isEqualTo(204);
    assertThat(api.post("/chat/invites/" + code + "/join", null, troll.token()).status())
        .isEqualTo(200);

    // Nobody acts on the owner.
    assertThat(api.post(s + "/members/" + owner.id() + "/kick", null, admin2.token()).status())
        .isEqualTo(403);
    assertThat(api.put(s + "/bans/" + owner.id(), null, admin2.token()).status()).isEqualTo(403);
  }

  @Test
  void oneRankRuleOnEveryMemberPathAndATimeoutSilencesEveryWrite() {
    Session owner = api.newUser("own");
    Session admin = api.newUser("adm");
    Session peer = api.newUser("peer");
    Session member = api.newUser("mem");
    Session outsider = api.newUser("out");
    long server = fx.server(owner, "Ranks");
    long channel = fx.channel(owner, server, "general", "TEXT");
    String s = "/chat/servers/" + server;
    for (Session one : List.of(admin, peer, member)) {
      fx.member(owner, server, one);
    }
    for (Session one : List.of(admin, peer)) {
      api.patch(s + "/members/" + one.id(), "{\"role\":\"ADMIN\"}", owner.token());
    }

    // An admin acts on no other admin, on any path, and makes no admins.
    assertThat(api.delete(s + "/members/" + peer.id(), admin.token()).status()).isEqualTo(403);
    assertThat(api.put(s + "/bans/" + peer.id(), "{}", admin.token()).status()).isEqualTo(403);
    assertThat(api.post(s + "/members/" + peer.id() + "/kick", null, admin.token()).status())
        .isEqualTo(403);
    assertThat(
            api.patch(s + "/members/" + member.id(), "{\"role\":\"ADMIN\"}", admin.token())
                .status())
        .isEqualTo(403);
    assertThat(
            api.post(
                    s + "/members",
                    "{\"user_id\":" + outsider.id() + ",\"role\":\"ADMIN\"}",
                    admin.token())
                .status())
        .isEqualTo(403);
    assertThat(api.get(s + "/members", peer.token()).status()).isEqualTo(200);
    assertThat(api.get(s + "/bans", owner.token()).body()).doesNotContain("\"" + peer.id() + "\"");

    // A timed-out member reads, and writes nothing: no send, edit, reaction, typing.
    long mine = fx.send(member, server, channel, "before").json().get("id").getLongValue();
    try (WsClient ws = fx.gateway(member)) {
      assertThat(
              api.post(
                      s + "/members/" + member.id() + "/timeout",
                      "{\"duration_seconds\":600}",
                      owner.token())
                  .status())
          .isEqualTo(200);
      assertThat(
              api.patch("/chat/messages/" + mine, "{\"text\":\"edited\"}", member.token()).status())
          .isEqualTo(403);
      assertThat(
              api.put("/chat/messages/" + mine + "/reactions/%F0%9F%91%8D", null, member.token())
                  .status())
          .isEqualTo(403);
      assertThat(
              api.post("/channels/" + channel + "/messages", "{\"content\":\"x\"}", member.token())
                  .status())
          .isEqualTo(403);
      ws.drain(Duration.ofMillis(100));
      for (String frame :
          List.of(
              "{\"type\":\"edit_message\",\"messageId\":" + mine + ",\"text\":\"e\"}",
              "{\"type\":\"send_message\",\"serverId\":"
                  + server
                  + ",\"channelId\":"
                  + channel
                  + ",\"text\":\"x\"}",
              "{\"type\":\"add_reaction\",\"messageId\":" + mine + ",\"emoji\":\"👍\"}",
              "{\"type\":\"typing_start\",\"serverId\":"
                  + server
                  + ",\"channelId\":"
                  + channel
                  + "}")) {
        ws.send(frame);
        JsonNode answer = ws.await("error");
        assertThat(answer.get("code").getStringValue()).as(frame).isEqualTo("forbidden");
      }
      assertThat(api.get(s + "/channels/" + channel + "/messages", member.token()).body())
          .contains("\"text\":\"before\"")
          .contains("\"editedAt\":null");
    }
  }
}
