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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 5, end to end over real HTTP and the native gateway: moderators pin, everyone in
 * the channel sees the pin live and in the list, outsiders see nothing, catch-up replays it.
 */
@MicronautTest(transactional = false)
class PinsTest extends ApiTestBase {
  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  private static String pin(long messageId) {
    return "/chat/messages/" + messageId + "/pin";
  }

  @Test
  void aModeratorsPinReachesTheChannelLiveAndStaysInItsList() {
    Session admin = api.newUser("pinadm");
    Session moderator = api.newUser("pinmod");
    Session member = api.newUser("pinmem");
    Session outsider = api.newUser("pinout");
    long server = fx.server(admin, "Pins");
    long channel = fx.channel(admin, server, "general", "TEXT");
    fx.member(admin, server, moderator);
    fx.member(admin, server, member);
    assertThat(
            api.patch(
                    "/chat/servers/" + server + "/members/" + moderator.id(),
                    "{\"role\":\"MODERATOR\"}",
                    admin.token())
                .status())
        .isEqualTo(200);
    long message = fx.send(member, server, channel, "the rules").json().get("id").getLongValue();
    String pins = "/chat/servers/" + server + "/channels/" + channel + "/pins";

    try (WsClient watching = fx.gateway(member)) {
      Response refused = api.put(pin(message), null, member.token());
      assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
      assertThat(api.put(pin(message), null, outsider.token()).status()).isEqualTo(404);

      assertThat(api.put(pin(message), null, moderator.token()).status()).isEqualTo(204);
      JsonNode live = watching.await("message_pinned");
      assertThat(live.get("messageId").getLongValue()).isEqualTo(message);
      assertThat(live.get("channelId").getLongValue()).isEqualTo(channel);
      assertThat(live.get("userId").getLongValue()).isEqualTo(moderator.id());
      long pinnedPos = live.get("pos").getLongValue();

      JsonNode listed = api.get(pins, member.token()).json();
      assertThat(listed.values()).hasSize(1);
      JsonNode first = listed.values().iterator().next();
      assertThat(first.get("message").get("text").getStringValue()).isEqualTo("the rules");
      assertThat(first.get("pinnedBy").getLongValue()).isEqualTo(moderator.id());
      assertThat(first.get("pinnedByName").getStringValue()).isEqualTo(moderator.username());
      assertThat(api.get(pins, outsider.token()).status()).isEqualTo(404);

      // Catch-up from before the pin replays it as the live frame was.
      JsonNode changes =
          api.get(
                  "/chat/servers/"
                      + server
                      + "/channels/"
                      + channel
                      + "/changes?after_pos="
                      + (pinnedPos - 1),
                  member.token())
              .json();
      JsonNode replayed = changes.get("changes").values().iterator().next();
      assertThat(Api.json(replayed)).isEqualTo(Api.json(live));

      assertThat(api.delete(pin(message), admin.token()).status()).isEqualTo(204);
      assertThat(watching.await("message_unpinned").get("messageId").getLongValue())
          .isEqualTo(message);
      assertThat(api.get(pins, member.token()).json().values()).isEmpty();
    }
  }

  @Test
  void aDeletedMessageLeavesThePinsAndAFullChannelRefusesByName() {
    Session admin = api.newUser("pinful");
    long server = fx.server(admin, "Full");
    long channel = fx.channel(admin, server, "general", "TEXT");
    String pins = "/chat/servers/" + server + "/channels/" + channel + "/pins";
    long doomed = fx.send(admin, server, channel, "doomed").json().get("id").getLongValue();
    assertThat(api.put(pin(doomed), null, admin.token()).status()).isEqualTo(204);
    assertThat(api.delete("/chat/messages/" + doomed, admin.token()).status()).isEqualTo(204);
    assertThat(api.get(pins, admin.token()).json().values()).isEmpty();

    for (int i = 0; i < 50; i++) {
      long id = fx.send(admin, server, channel, "m" + i).json().get("id").getLongValue();
      assertThat(api.put(pin(id), null, admin.token()).status()).isEqualTo(204);
    }
    long extra = fx.send(admin, server, channel, "one more").json().get("id").getLongValue();
    Response full = api.put(pin(extra), null, admin.token());
    assertThat(full.status()).as(full.toString()).isEqualTo(409);
    assertThat(full.json().get("message").getStringValue()).contains("50 pinned messages");
    List<JsonNode> listed = toList(api.get(pins, admin.token()).json());
    assertThat(listed).hasSize(50);
    assertThat(listed.get(0).get("message").get("text").getStringValue()).isEqualTo("m49");
  }

  @Test
  void everyParticipantOfAConversationPins() {
    Session alice = api.newUser("pinal");
    Session bob = api.newUser("pinbob");
    Response dm =
        api.post("/chat/conversations", "{\"participant_ids\":[" + bob.id() + "]}", alice.token());
    assertThat(dm.status()).isEqualTo(201);
    long conversation = dm.json().get("id").getLongValue();
    long message =
        api.post(
                "/chat/conversations/" + conversation + "/messages",
                "{\"text\":\"our plan\"}",
                alice.token())
            .json()
            .get("id")
            .getLongValue();

    assertThat(api.put(pin(message), null, bob.token()).status()).isEqualTo(204);
    JsonNode listed =
        api.get("/chat/conversations/" + conversation + "/pins", alice.token()).json();
    assertThat(listed.values()).hasSize(1);
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.values().forEach(out::add);
    return out;
  }
}
