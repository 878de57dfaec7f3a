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
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 1, end to end over real HTTP and sockets: an admin's bot signs in with its token on
 * REST and the gateway, is a member like anyone, is marked as a bot on every surface, and loses
 * access when its token is rotated or revoked.
 */
@MicronautTest(transactional = false)
class BotsTest extends ApiTestBase {
  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  /** A bot, its server and channel, and a member watching. */
  private record World(
      Session admin,
      Session member,
      long server,
      long channel,
      long botId,
      String botName,
      String token) {}

  private World world(String prefix) {
    Session admin = api.newUser(prefix + "adm");
    Session member = api.newUser(prefix + "mem");
    long server = fx.server(admin, "Bots " + prefix);
    long channel = fx.channel(admin, server, "general", "TEXT");
    fx.member(admin, server, member);
    String name = Api.uniqueName(prefix + "bot");
    Response created =
        api.post("/chat/servers/" + server + "/bots", "{\"name\":\"" + name + "\"}", admin.token());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode bot = created.json();
    assertThat(bot.get("bot").getBooleanValue()).isTrue();
    assertThat(bot.get("role").getStringValue()).isEqualTo("MEMBER");
    return new World(
        admin,
        member,
        server,
        channel,
        bot.get("id").getLongValue(),
        name,
        bot.get("token").getStringValue());
  }

  private static void eventually(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void aBotPostsAsAMemberAndIsMarkedOnEverySurface() {
    World w = world("bm");
    assertThat(api.get("/users/me", w.token()).json().get("bot").getBooleanValue()).isTrue();
    assertThat(api.get("/users/me", w.member().token()).json().get("bot").getBooleanValue())
        .isFalse();

    try (WsClient watching = fx.gateway(w.member());
        WsClient botSocket =
            WsClient.connect(api.base(), "/chat/ws?token=" + w.token()).keepPresence()) {
      botSocket.await("connected");
      Response sent =
          fx.send(
              new Session(w.botId(), w.botName(), w.token()), w.server(), w.channel(), "beep boop");
      assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
      assertThat(sent.json().get("bot").getBooleanValue()).isTrue();
      JsonNode live = watching.await("new_message");
      assertThat(live.get("userId").getLongValue()).isEqualTo(w.botId());
      assertThat(live.get("bot").getBooleanValue()).isTrue();

      // The bot hears the channel like any member.
      fx.send(w.member(), w.server(), w.channel(), "hello bot");
      assertThat(
              botSocket
                  .await(
                      f ->
                          f.get("type").getStringValue().equals("new_message")
                              && f.get("text").getStringValue().equals("hello bot"),
                      "the member's message")
                  .get("bot")
                  .getBooleanValue())
          .isFalse();
    }

    JsonNode history =
        api.get(
                "/chat/servers/" + w.server() + "/channels/" + w.channel() + "/messages",
                w.member().token())
            .json();
    JsonNode first = history.values().iterator().next();
    assertThat(first.get("text").getStringValue()).isEqualTo("beep boop");
    assertThat(first.get("bot").getBooleanValue()).isTrue();
    JsonNode classic = api.get("/channels/" + w.channel() + "/messages", w.member().token()).json();
    assertThat(classic.values().iterator().next().get("user").get("bot").getBooleanValue())
        .isTrue();
    boolean memberListMarksIt = false;
    for (JsonNode m :
        api.get("/chat/servers/" + w.server() + "/members", w.member().token()).json().values()) {
      if (m.get("user_id").getLongValue() == w.botId()) {
        memberListMarksIt = m.get("bot").getBooleanValue();
      }
    }
    assertThat(memberListMarksIt).isTrue();

    // Its token is the only way in, and its access is a member's: no admin route.
    assertThat(
            api.post(
                    "/auth/login",
                    "{\"username\":\"" + w.botName() + "\",\"password\":\"password123\"}",
                    null)
                .status())
        .isEqualTo(401);
    assertThat(
            api.post("/chat/servers/" + w.server() + "/bots", "{\"name\":\"x-bot\"}", w.token())
                .status())
        .isEqualTo(403);
    long otherServer = fx.server(w.admin(), "Elsewhere");
    assertThat(api.get("/chat/servers/" + otherServer + "/channels", w.token()).status())
        .isEqualTo(404);
  }

  @Test
  void rotatingAndRevokingEndTheTokenAndCloseTheBotsSockets() {
    World w = world("br");
    String bots = "/chat/servers/" + w.server() + "/bots";
    assertThat(api.post(bots, "{\"name\":\"y-bot\"}", w.member().token()).status()).isEqualTo(403);
    JsonNode listed = api.get(bots, w.admin().token()).json().values().iterator().next();
    assertThat(listed.get("username").getStringValue()).isEqualTo(w.botName());
    assertThat(listed.get("has_token").getBooleanValue()).isTrue();
    assertThat(listed.get("token")).isNull();

    WsClient old = WsClient.connect(api.base(), "/chat/ws?token=" + w.token());
    old.await("connected");
    Response rotated = api.post(bots + "/" + w.botId() + "/token", "{}", w.admin().token());
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    String fresh = rotated.json().get("token").getStringValue();
    assertThat(old.awaitClose()).isNotNull();
    eventually(() -> api.get("/users/me", w.token()).status() == 401, "old token refused");
    assertThat(api.get("/users/me", fresh).status()).isEqualTo(200);

    WsClient current = WsClient.connect(api.base(), "/chat/ws?token=" + fresh);
    current.await("connected");
    assertThat(api.delete(bots + "/" + w.botId() + "/token", w.admin().token()).status())
        .isEqualTo(204);
    assertThat(current.awaitClose()).isNotNull();
    eventually(() -> api.get("/users/me", fresh).status() == 401, "revoked token refused");
    assertThat(
            api.get(bots, w.admin().token())
                .json()
                .values()
                .iterator()
                .next()
                .get("has_token")
                .getBooleanValue())
        .isFalse();
  }
}
