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
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Seed 004's rooms surface, as its README and Swift client use it. */
@MicronautTest(transactional = false)
class RoomSurfaceTest extends ApiTestBase {

  private static List<JsonNode> list(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return StreamSupport.stream(response.json().values().spliterator(), false).toList();
  }

  private String signupAndLogin(String name) {
    String body = "{\"username\":\"" + name + "\",\"password\":\"password123\"}";
    assertThat(api.post("/api/auth/signup", body, null).status()).isEqualTo(201);
    Response login = api.post("/api/auth/login", body, null);
    assertThat(login.json().get("token_type").getStringValue()).isEqualTo("bearer");
    return login.json().get("access_token").getStringValue();
  }

  @Test
  void readmeFlowSignupRoomsSocketHistory() {
    String name = Api.uniqueName("testuser");
    String token = signupAndLogin(name);
    String other = signupAndLogin(Api.uniqueName("friend"));

    Response created = api.post("/api/rooms", "{\"name\":\"My New Room\"}", token);
    assertThat(created.status()).isEqualTo(201);
    JsonNode room = created.json();
    assertThat(room.get("id").isNumber()).isTrue();
    assertThat(room.get("name").getStringValue()).isEqualTo("My New Room");
    assertThat(Instant.parse(room.get("created_at").getStringValue())).isBefore(Instant.now());
    long roomId = room.get("id").getLongValue();

    assertThat(list(api.get("/api/rooms", other)))
        .anyMatch(r -> r.get("id").getLongValue() == roomId && r.get("name").isString());
    Response one = api.get("/api/rooms/" + roomId, other);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("name").getStringValue()).isEqualTo("My New Room");

    try (WsClient mine = WsClient.connect(api.base(), "/ws/chat/" + roomId + "?token=" + token);
        WsClient theirs = WsClient.connect(api.base(), "/ws/chat/" + roomId + "?token=" + other)) {
      mine.send("{\"type\":\"message\",\"content\":\"Hello, world!\"}");
      for (WsClient ws : List.of(mine, theirs)) {
        JsonNode m = ws.await("message");
        assertThat(m.get("type").getStringValue()).isEqualTo("message");
        assertThat(m.get("room_id").isNumber()).isTrue();
        assertThat(m.get("room_id").getLongValue()).isEqualTo(roomId);
        assertThat(m.get("sender").getStringValue()).isEqualTo(name);
        assertThat(m.get("message").getStringValue()).isEqualTo("Hello, world!");
        assertThat(Instant.parse(m.get("timestamp").getStringValue())).isBefore(Instant.now());
      }
      theirs.send("{\"type\":\"typing\"}");
      JsonNode typing = mine.await("typing");
      assertThat(typing.get("room_id").getLongValue()).isEqualTo(roomId);
      assertThat(typing.get("sender").isString()).isTrue();

      theirs.send("not json");
      assertThat(theirs.await("error").get("message").getStringValue()).isNotBlank();
      theirs.send("{\"type\":\"message\",\"content\":\"after an error\"}");
      assertThat(mine.await("message").get("message").getStringValue()).isEqualTo("after an error");
    }

    List<JsonNode> history = list(api.get("/api/messages/" + roomId, token));
    assertThat(history)
        .extracting(m -> m.get("message").getStringValue())
        .containsExactly("Hello, world!", "after an error");
    assertThat(history.get(0).get("room_id").getLongValue()).isEqualTo(roomId);
    assertThat(history.get(0).get("sender").getStringValue()).isEqualTo(name);
    assertThat(list(api.get("/api/messages/" + roomId + "/recent?limit=1", token)))
        .extracting(m -> m.get("message").getStringValue())
        .containsExactly("after an error");
  }

  @Test
  void roomsAreOneStreamWithTheNativeApi() {
    Session alice = api.newUser("stream");
    long roomId =
        api.post("/api/rooms", "{\"name\":\"Shared\"}", alice.token())
            .json()
            .get("id")
            .getLongValue();
    long publicServer =
        list(api.get("/chat/servers", alice.token())).stream()
            .filter(s -> s.get("is_public").getBooleanValue())
            .findFirst()
            .orElseThrow()
            .get("id")
            .getLongValue();
    try (WsClient room =
        WsClient.connect(api.base(), "/ws/chat/" + roomId + "?token=" + alice.token())) {
      new Fixtures(api).send(alice, publicServer, roomId, "sent natively");
      assertThat(room.await("message").get("message").getStringValue()).isEqualTo("sent natively");
      room.send("{\"type\":\"message\",\"content\":\"sent in the room\"}");
      room.await("message");
    }
    assertThat(
            list(
                    api.get(
                        "/chat/servers/" + publicServer + "/channels/" + roomId + "/messages",
                        alice.token()))
                .stream()
                .map(m -> m.get("text").getStringValue()))
        .containsExactly("sent natively", "sent in the room");
  }

  @Test
  void onlyRoomsAreRoomsAndTokensAreRequired() {
    Session alice = api.newUser("roomer");
    long privateServer = new Fixtures(api).server(alice, "Not a room");
    long privateChannel = new Fixtures(api).channel(alice, privateServer, "hidden", "TEXT");
    assertThat(api.get("/api/rooms/" + privateChannel, alice.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/messages/" + privateChannel, alice.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/rooms/999999", alice.token()).status()).isEqualTo(404);
    try (WsClient ws =
        WsClient.connect(api.base(), "/ws/chat/" + privateChannel + "?token=" + alice.token())) {
      assertThat(ws.await("error").get("message").getStringValue()).isEqualTo("Room not found");
      assertThat(ws.awaitClose()).isEqualTo(4404);
    }
    assertThat(api.get("/api/rooms", null).status()).isEqualTo(401);
    assertThat(WsClient.upgradeStatus(api.base(), "/ws/chat/1")).isEqualTo(401);
    assertThat(api.post("/api/rooms", "{\"name\":\"\"}", alice.token()).status()).isEqualTo(400);
    assertThat(api.get("/api/messages/abc", alice.token()).status()).isEqualTo(400);
  }

  @Test
  void testPageIsServed() {
    Response page = api.get("/test", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("content-type"))
        .hasValueSatisfying(v -> assertThat(v).contains("text/html"));
    assertThat(page.body()).contains("/ws/chat/").contains("/api/auth/login");
  }
}
