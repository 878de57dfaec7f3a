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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 4: a message carries at most 20 different reactions and 10 per user, and only emoji
 * (or {@code :name:}) are reactions, on REST and on every socket that reacts.
 */
@MicronautTest(transactional = false)
class ReactionLimitsTest extends ApiTestBase {
  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  private static String path(long messageId, String emoji) {
    return "/chat/messages/"
        + messageId
        + "/reactions/"
        + URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Response react(Session user, long messageId, String emoji) {
    return api.put(path(messageId, emoji), null, user.token());
  }

  /** Twenty different reactions on the message, ten each by the two users. */
  private void fill(long messageId, Session first, Session second) {
    for (int i = 0; i < 10; i++) {
      assertThat(react(first, messageId, ":a" + i + ":").status()).isEqualTo(204);
      assertThat(react(second, messageId, ":b" + i + ":").status()).isEqualTo(204);
    }
  }

  @Test
  void theTwentyFirstDifferentReactionIsRefusedWhileExistingOnesStillToggle() {
    Session owner = api.newUser("rxowner");
    Session bob = api.newUser("rxbob");
    Session carol = api.newUser("rxcarol");
    long server = fx.server(owner, "Reactions");
    long channel = fx.channel(owner, server, "general", "TEXT");
    fx.member(owner, server, bob);
    fx.member(owner, server, carol);
    long message = fx.send(owner, server, channel, "react").json().get("id").getLongValue();
    fill(message, owner, bob);

    Response refused = react(carol, message, "🎉");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().get("error").getStringValue()).isEqualTo("conflict");
    assertThat(refused.json().get("message").getStringValue()).contains("20 different reactions");

    // An emoji the message has is still open, on and off.
    assertThat(react(carol, message, ":a0:").status()).isEqualTo(204);
    assertThat(api.delete(path(message, ":a0:"), carol.token()).status()).isEqualTo(204);
    assertThat(react(carol, message, ":b9:").status()).isEqualTo(204);

    // Ten is the most one user puts on one message.
    Response eleventh = react(owner, message, ":b0:");
    assertThat(eleventh.status()).as(eleventh.toString()).isEqualTo(409);
    assertThat(eleventh.json().get("message").getStringValue()).contains("10 reactions");
    // Adding one already there stays a quiet no-op.
    assertThat(react(owner, message, ":a1:").status()).isEqualTo(204);

    String history = "/chat/servers/" + server + "/channels/" + channel + "/messages";
    JsonNode reactions = api.get(history, owner.token()).json().values().iterator().next();
    assertThat(reactions.get("reactions").values()).hasSize(20);
  }

  @Test
  void onlyEmojiOrCustomNamesAreReactions() {
    Session owner = api.newUser("rxtext");
    long server = fx.server(owner, "Emoji only");
    long channel = fx.channel(owner, server, "general", "TEXT");
    long message = fx.send(owner, server, channel, "react").json().get("id").getLongValue();

    for (String bad : new String[] {"abc", "<script>", "a b", "👍👍", "\u202E👍", "+1"}) {
      Response refused = react(owner, message, bad);
      assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
      assertThat(refused.json().get("error").getStringValue()).isEqualTo("invalid_input");
    }
    for (String good : new String[] {"👍🏽", "👩‍💻", "🇫🇷", "1️⃣", ":party_parrot:"}) {
      assertThat(react(owner, message, good).status()).as(good).isEqualTo(204);
    }
  }

  @Test
  void theNativeGatewayAnswersAnErrorFrame() {
    Session owner = api.newUser("rxgwowner");
    Session bob = api.newUser("rxgwbob");
    Session carol = api.newUser("rxgwcarol");
    long server = fx.server(owner, "Gateway reactions");
    long channel = fx.channel(owner, server, "general", "TEXT");
    fx.member(owner, server, bob);
    fx.member(owner, server, carol);
    long message = fx.send(owner, server, channel, "react").json().get("id").getLongValue();
    fill(message, owner, bob);

    try (WsClient ws = fx.gateway(carol)) {
      ws.send("{\"type\":\"add_reaction\",\"messageId\":" + message + ",\"emoji\":\"🎉\"}");
      JsonNode error = ws.await("error");
      assertThat(error.get("code").getStringValue()).isEqualTo("conflict");
      assertThat(error.get("message").getStringValue()).contains("20 different reactions");

      ws.send("{\"type\":\"add_reaction\",\"messageId\":" + message + ",\"emoji\":\"<b>hi\"}");
      assertThat(ws.await("error").get("code").getStringValue()).isEqualTo("invalid_input");

      ws.send("{\"type\":\"add_reaction\",\"messageId\":" + message + ",\"emoji\":\":a3:\"}");
      JsonNode added = ws.await("reaction_added");
      assertThat(added.get("emoji").getStringValue()).isEqualTo(":a3:");
      assertThat(added.get("count").getIntValue()).isEqualTo(2);
    }
  }

  @Test
  void theConversationSocketAnswersAnErrorFrame() {
    Session alice = api.newUser("rxcvalice");
    Session bob = api.newUser("rxcvbob");
    Session carol = api.newUser("rxcvcarol");
    Response created =
        api.post(
            "/api/chat/conversations",
            "{\"name\":\"Reacting\",\"is_group\":true,\"participant_ids\":[\""
                + bob.id()
                + "\",\""
                + carol.id()
                + "\"]}",
            alice.token());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String conversation = created.json().get("id").getStringValue();
    Response sent =
        api.post(
            "/chat/conversations/" + conversation + "/messages",
            "{\"text\":\"react\"}",
            alice.token());
    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    long message = sent.json().get("id").getLongValue();
    fill(message, alice, bob);

    try (WsClient ws =
        WsClient.connect(api.base(), "/api/chat/ws/" + conversation + "?token=" + carol.token())) {
      // Frames count once the join is announced, as for the seed's own client.
      ws.await("system");
      ws.send("{\"type\":\"reaction\",\"message_id\":\"" + message + "\",\"emoji\":\"🎉\"}");
      JsonNode error = ws.await("error");
      assertThat(error.get("code").getStringValue()).isEqualTo("conflict");
      assertThat(error.get("message").getStringValue()).contains("20 different reactions");

      ws.send("{\"type\":\"reaction\",\"message_id\":\"" + message + "\",\"emoji\":\"abc\"}");
      assertThat(ws.await("error").get("code").getStringValue()).isEqualTo("invalid_input");

      ws.send("{\"type\":\"reaction\",\"message_id\":\"" + message + "\",\"emoji\":\":b4:\"}");
      JsonNode toggled = ws.await("reaction");
      assertThat(toggled.get("action").getStringValue()).isEqualTo("added");
      assertThat(toggled.get("count").getIntValue()).isEqualTo(2);
    }
  }
}
