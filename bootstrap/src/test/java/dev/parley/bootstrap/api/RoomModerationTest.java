package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 9: the public server has operators ({@code parley.public-server.operators}), who
 * are its ADMINs; a room may be renamed or deleted only by an operator or by its creator, on every
 * route that can (the native channel PATCH and DELETE of the public server).
 */
@MicronautTest(transactional = false)
class RoomModerationTest extends ApiTestBase {
  private static final String OPERATOR = Api.uniqueName("op");

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of("parley.public-server.operators", OPERATOR);
  }

  private Session operator() {
    Response registered =
        api.post(
            "/auth/register",
            "{\"username\":\"" + OPERATOR + "\",\"password\":\"password123\"}",
            null);
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    return new Session(registered.json().get("id").getLongValue(), OPERATOR, api.login(OPERATOR));
  }

  private long publicServer(Session user) {
    return StreamSupport.stream(
            api.get("/chat/servers", user.token()).json().values().spliterator(), false)
        .filter(s -> s.get("is_public").getBooleanValue())
        .findFirst()
        .orElseThrow()
        .get("id")
        .getLongValue();
  }

  private long room(Session creator, String name) {
    Response created = api.post("/api/rooms", "{\"name\":\"" + name + "\"}", creator.token());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").getLongValue();
  }

  private Response rename(Session actor, long serverId, long roomId, String name) {
    return api.patch(
        "/chat/servers/" + serverId + "/channels/" + roomId,
        "{\"name\":\"" + name + "\"}",
        actor.token());
  }

  private Response delete(Session actor, long serverId, long roomId) {
    return api.delete("/chat/servers/" + serverId + "/channels/" + roomId, actor.token());
  }

  private String roleOf(Session viewer, long serverId, Session member) {
    for (JsonNode m :
        api.get("/chat/servers/" + serverId + "/members", viewer.token()).json().values()) {
      if (m.get("user_id").getLongValue() == member.id()) {
        return m.get("role").getStringValue();
      }
    }
    throw new AssertionError(member.username() + " is not a member");
  }

  @Test
  void onlyAnOperatorOrTheCreatorRenamesOrDeletesARoom() {
    Session op = operator();
    Session alice = api.newUser("alice");
    Session bob = api.newUser("bob");
    long rooms = publicServer(alice);
    assertThat(roleOf(alice, rooms, op)).isEqualTo("ADMIN");
    assertThat(roleOf(alice, rooms, alice)).isEqualTo("MEMBER");

    long alices = room(alice, "Alice's room");
    Response renamedByBob = rename(bob, rooms, alices, "spam");
    assertThat(renamedByBob.status()).as(renamedByBob.toString()).isEqualTo(403);
    assertThat(renamedByBob.json().get("error").getStringValue()).isEqualTo("forbidden");
    assertThat(delete(bob, rooms, alices).status()).isEqualTo(403);
    assertThat(api.get("/api/rooms/" + alices, bob.token()).json().get("name").getStringValue())
        .isEqualTo("Alice's room");

    Response renamedByAlice = rename(alice, rooms, alices, "Alice renamed");
    assertThat(renamedByAlice.status()).as(renamedByAlice.toString()).isEqualTo(200);
    Response renamedByOp = rename(op, rooms, alices, "Tidied");
    assertThat(renamedByOp.status()).as(renamedByOp.toString()).isEqualTo(200);
    assertThat(api.get("/api/rooms/" + alices, bob.token()).json().get("name").getStringValue())
        .isEqualTo("Tidied");

    long spam = room(bob, "spam");
    assertThat(delete(alice, rooms, spam).status()).isEqualTo(403);
    assertThat(delete(op, rooms, spam).status()).isEqualTo(204);
    assertThat(api.get("/api/rooms/" + spam, alice.token()).status()).isEqualTo(404);

    assertThat(delete(alice, rooms, alices).status()).isEqualTo(204);
    assertThat(api.get("/api/rooms/" + alices, alice.token()).status()).isEqualTo(404);
  }
}
