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
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Seed 003's classic surface, exactly as its README shows it. */
@MicronautTest(transactional = false)
class ClassicSurfaceTest extends ApiTestBase {

  @Test
  void documentedFlow() {
    String name = Api.uniqueName("john_doe");
    Response registered =
        api.post(
            "/auth/register",
            "{\"username\":\""
                + name
                + "\",\"email\":\"john@example.com\",\"password\":\"SecurePass123!\"}",
            null);
    assertThat(registered.status()).isEqualTo(201);
    long userId = registered.json().get("id").getLongValue();
    Response login = api.postForm("/auth/login", "username=" + name + "&password=SecurePass123!");
    assertThat(login.status()).isEqualTo(200);
    String token = login.json().get("access_token").getStringValue();
    assertThat(api.get("/users/me", token).json().get("id").getLongValue()).isEqualTo(userId);

    Response server =
        api.post("/servers", "{\"name\":\"My Server\",\"description\":\"A cool server\"}", token);
    assertThat(server.status()).isEqualTo(201);
    long serverId = server.json().get("id").getLongValue();
    assertThat(server.json().get("description").getStringValue()).isEqualTo("A cool server");
    assertThat(api.get("/servers", token).body()).contains("\"My Server\"");

    Response channel =
        api.post(
            "/servers/" + serverId + "/channels",
            "{\"name\":\"general\",\"description\":\"General chat\"}",
            token);
    assertThat(channel.status()).isEqualTo(201);
    long channelId = channel.json().get("id").getLongValue();

    try (WsClient ws =
        WsClient.connect(
            api.base(), "/ws/" + userId + "/" + serverId + "/" + channelId + "?token=" + token)) {
      Response sent =
          api.post(
              "/channels/" + channelId + "/messages", "{\"content\":\"Hello, world!\"}", token);
      assertThat(sent.status()).isEqualTo(201);

      JsonNode frame = ws.await("message");
      JsonNode data = frame.get("data");
      assertThat(data.get("id").getLongValue()).isEqualTo(sent.json().get("id").getLongValue());
      assertThat(data.get("content").getStringValue()).isEqualTo("Hello, world!");
      assertThat(data.get("user").get("id").getLongValue()).isEqualTo(userId);
      assertThat(data.get("user").get("username").getStringValue()).isEqualTo(name);
      assertThat(Instant.parse(data.get("created_at").getStringValue())).isBefore(Instant.now());

      // A message from the native gateway reaches this socket too.
      try (WsClient gateway = new Fixtures(api).gateway(new Session(userId, name, token))) {
        gateway.send(
            "{\"type\":\"send_message\",\"serverId\":"
                + serverId
                + ",\"channelId\":"
                + channelId
                + ",\"text\":\"from the gateway\"}");
        assertThat(ws.await("message").get("data").get("content").getStringValue())
            .isEqualTo("from the gateway");
      }
      // And this socket can send.
      ws.send("{\"content\":\"from the classic socket\"}");
      assertThat(ws.await("message").get("data").get("content").getStringValue())
          .isEqualTo("from the classic socket");
    }

    Response history = api.get("/channels/" + channelId + "/messages?skip=0&limit=50", token);
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json().size()).isEqualTo(3);
    assertThat(history.json().get(0).get("content").getStringValue()).isEqualTo("Hello, world!");
    assertThat(history.json().get(0).get("user").get("username").getStringValue()).isEqualTo(name);
    assertThat(api.get("/channels/" + channelId + "/messages?skip=2&limit=50", token).json().size())
        .isEqualTo(1);
  }

  @Test
  void pathUserMustBeTheTokensAndOutsidersAreRefused() {
    Fixtures fx = new Fixtures(api);
    Session owner = api.newUser("owner");
    Session outsider = api.newUser("peeker");
    long serverId = fx.server(owner, "Private");
    long channelId = fx.channel(owner, serverId, "secret", "TEXT");

    try (WsClient spoof =
        WsClient.connect(
            api.base(),
            "/ws/"
                + owner.id()
                + "/"
                + serverId
                + "/"
                + channelId
                + "?token="
                + outsider.token())) {
      assertThat(spoof.await("error").get("code").getStringValue()).isEqualTo("forbidden");
      assertThat(spoof.awaitClose()).isEqualTo(1008);
    }
    try (WsClient peek =
        WsClient.connect(
            api.base(),
            "/ws/"
                + outsider.id()
                + "/"
                + serverId
                + "/"
                + channelId
                + "?token="
                + outsider.token())) {
      assertThat(peek.await("error").get("code").getStringValue()).isEqualTo("not_found");
      assertThat(peek.awaitClose()).isEqualTo(4404);
    }
    assertThat(
            WsClient.upgradeStatus(
                api.base(), "/ws/" + owner.id() + "/" + serverId + "/" + channelId))
        .isEqualTo(401);
    assertThat(api.get("/channels/" + channelId + "/messages", outsider.token()).status())
        .isEqualTo(404);
    assertThat(
            api.post(
                    "/channels/" + channelId + "/messages",
                    "{\"content\":\"hi\"}",
                    outsider.token())
                .status())
        .isEqualTo(404);
    assertThat(
            api.post("/servers/" + serverId + "/channels", "{\"name\":\"x\"}", outsider.token())
                .status())
        .isEqualTo(404);
  }
}
