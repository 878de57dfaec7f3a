package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Request bodies cannot set what the server decides: ids, owners, roles, visibility, timestamps.
 * Unknown or privileged fields are ignored (the request bodies only bind the fields they declare)
 * or, where the field is real, refused by the rules.
 */
@MicronautTest(transactional = false)
class MassAssignmentTest extends ApiTestBase {

  @Test
  void registrationIgnoresPrivilegedFields() {
    String name = Api.uniqueName("sneaky");
    Response registered =
        api.post(
            "/auth/register",
            "{\"username\":\""
                + name
                + "\",\"password\":\"password123\",\"id\":987654,\"role\":\"ADMIN\",\"is_admin\":true,"
                + "\"active\":false,\"password_hash\":\"$2b$04$x\","
                + "\"created_at\":\"2000-01-01T00:00:00Z\"}",
            null);
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    JsonNode user = registered.json();
    assertThat(user.get("id").getLongValue()).isNotEqualTo(987654);
    assertThat(user.get("role")).isNull();
    assertThat(user.get("is_admin")).isNull();
    Instant created = Instant.parse(user.get("created_at").getStringValue());
    assertThat(created).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
    // Still active, with the password it chose, not the hash it sent.
    String token = api.login(name);
    assertThat(api.get("/users/me", token).json().get("id").getLongValue())
        .isEqualTo(user.get("id").getLongValue());
  }

  @Test
  void serverCreationIgnoresOwnerIdVisibilityAndId() {
    Session alice = api.newUser("owner");
    Session mallory = api.newUser("victim");
    Response created =
        api.post(
            "/chat/servers",
            "{\"name\":\"Mine\",\"id\":987654,\"owner_id\":"
                + mallory.id()
                + ",\"is_public\":true,\"role\":\"MEMBER\",\"created_at\":\"2000-01-01T00:00:00Z\"}",
            alice.token());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode server = created.json();
    assertThat(server.get("id").getLongValue()).isNotEqualTo(987654);
    assertThat(server.get("owner_id").getLongValue()).isEqualTo(alice.id());
    assertThat(server.get("is_public").getBooleanValue()).isFalse();
    assertThat(server.get("role").getStringValue()).isEqualTo("ADMIN");
    long serverId = server.get("id").getLongValue();
    // The would-be owner was not even made a member.
    assertThat(api.get("/chat/servers/" + serverId + "/channels", mallory.token()).status())
        .isIn(403, 404);
  }

  @Test
  void channelCreationIgnoresServerIdAndCounters() {
    Session alice = api.newUser("chan_owner");
    Session bob = api.newUser("chan_other");
    Fixtures fixtures = new Fixtures(api);
    long mine = fixtures.server(alice, "Alice's");
    long theirs = fixtures.server(bob, "Bob's");
    Response created =
        api.post(
            "/chat/servers/" + mine + "/channels",
            "{\"name\":\"general2\",\"type\":\"text\",\"id\":987654,\"server_id\":"
                + theirs
                + ",\"last_seq\":999,\"owner_id\":"
                + bob.id()
                + "}",
            alice.token());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode channel = created.json();
    assertThat(channel.get("server_id").getLongValue()).isEqualTo(mine);
    assertThat(channel.get("last_seq").getLongValue()).isZero();
    assertThat(channel.get("id").getLongValue()).isNotEqualTo(987654);
    JsonNode bobsChannels = api.get("/chat/servers/" + theirs + "/channels", bob.token()).json();
    for (JsonNode c : bobsChannels.values()) {
      assertThat(c.get("name").getStringValue()).isNotEqualTo("general2");
    }
  }

  @Test
  void memberPatchChangesOnlyTheRoleOfThePathMemberAndOnlyForAdmins() {
    Session alice = api.newUser("patch_owner");
    Session bob = api.newUser("patch_member");
    Session carol = api.newUser("patch_other");
    Fixtures fixtures = new Fixtures(api);
    long server = fixtures.server(alice, "Roles");
    fixtures.member(alice, server, bob);
    fixtures.member(alice, server, carol);

    // A member cannot promote themselves, whatever else the body says.
    Response selfPromotion =
        api.patch(
            "/chat/servers/" + server + "/members/" + bob.id(),
            "{\"role\":\"ADMIN\",\"is_owner\":true}",
            bob.token());
    assertThat(selfPromotion.status()).as(selfPromotion.toString()).isEqualTo(403);
    assertThat(selfPromotion.json().get("error").getStringValue()).isEqualTo("forbidden");

    // There is no role above ADMIN to grant.
    Response owner =
        api.patch(
            "/chat/servers/" + server + "/members/" + bob.id(),
            "{\"role\":\"OWNER\"}",
            alice.token());
    assertThat(owner.status()).as(owner.toString()).isEqualTo(400);

    // Ids in the body do not redirect the change: the path names the member.
    Response patched =
        api.patch(
            "/chat/servers/" + server + "/members/" + bob.id(),
            "{\"role\":\"MODERATOR\",\"user_id\":" + carol.id() + ",\"server_id\":1}",
            alice.token());
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().get("user_id").getLongValue()).isEqualTo(bob.id());
    JsonNode members = api.get("/chat/servers/" + server + "/members", alice.token()).json();
    for (JsonNode m : members.values()) {
      long id = m.get("user_id").getLongValue();
      if (id == carol.id()) {
        assertThat(m.get("role").getStringValue()).isEqualTo("MEMBER");
      }
      if (id == bob.id()) {
        assertThat(m.get("role").getStringValue()).isEqualTo("MODERATOR");
      }
    }
    // The owner's own role cannot be taken away through the same route.
    Response demoteOwner =
        api.patch(
            "/chat/servers/" + server + "/members/" + alice.id(),
            "{\"role\":\"MEMBER\"}",
            alice.token());
    assertThat(demoteOwner.status()).isIn(400, 403, 409);
  }
}
