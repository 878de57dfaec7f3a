package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /chat/search} over real HTTP and PostgreSQL full-text search. */
@MicronautTest(transactional = false)
class SearchTest extends ApiTestBase {
  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  /** A word no other test posts: letters only, so it is one lexeme. */
  private static String word(String prefix) {
    StringBuilder word = new StringBuilder(prefix);
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return word.toString();
  }

  private Response search(Session user, String q, String extra) {
    String query = q == null ? "" : "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    return api.get("/chat/search?" + query + (extra == null ? "" : "&" + extra), user.token());
  }

  private static List<JsonNode> results(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return StreamSupport.stream(response.json().get("results").values().spliterator(), false)
        .toList();
  }

  private static List<Long> ids(Response response) {
    return results(response).stream().map(r -> r.get("id").getLongValue()).toList();
  }

  private static long id(Response created) {
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").getLongValue();
  }

  @Test
  void findsAPostedMessageByAWordWithItsChannelAndServer() {
    Session alice = api.newUser("sfind");
    Session bob = api.newUser("sfind");
    long server = fx.server(alice, "Zoo");
    long channel = fx.channel(alice, server, "general", "TEXT");
    fx.member(alice, server, bob);
    String animal = word("marmoset");
    long posted = id(fx.send(alice, server, channel, "The " + animal + " escaped again!"));
    fx.send(alice, server, channel, "nothing to see here");

    Response found = search(bob, animal.toUpperCase(), null);

    List<JsonNode> hits = results(found);
    assertThat(hits).hasSize(1);
    JsonNode hit = hits.get(0);
    assertThat(hit.get("id").getLongValue()).isEqualTo(posted);
    assertThat(hit.get("text").getStringValue()).isEqualTo("The " + animal + " escaped again!");
    assertThat(hit.get("user").getStringValue()).isEqualTo(alice.username());
    assertThat(hit.get("userId").getLongValue()).isEqualTo(alice.id());
    assertThat(hit.get("channelId").getLongValue()).isEqualTo(channel);
    assertThat(hit.get("serverId").getLongValue()).isEqualTo(server);
    assertThat(hit.get("deleted").getBooleanValue()).isFalse();
    assertThat(found.json().get("next_before").isNull()).isTrue();
    assertThat(ids(search(bob, animal, "server_id=" + server + "&channel_id=" + channel)))
        .containsExactly(posted);
    assertThat(ids(search(bob, animal, "author_id=" + bob.id()))).isEmpty();
    assertThat(api.get("/docs/parley.yml", null).body()).contains("/chat/search");
  }

  @Test
  void neverShowsServersOrConversationsTheCallerIsNotIn() {
    Session alice = api.newUser("sowner");
    Session bob = api.newUser("smember");
    Session carol = api.newUser("soutsider");
    long server = fx.server(alice, "Team");
    long channel = fx.channel(alice, server, "general", "TEXT");
    fx.member(alice, server, bob);
    long carolsServer = fx.server(carol, "Carol's");
    long carolsChannel = fx.channel(carol, carolsServer, "general", "TEXT");
    String topic = word("budget");
    long inTeam = id(fx.send(alice, server, channel, topic + " for the team"));
    long inCarols = id(fx.send(carol, carolsServer, carolsChannel, topic + " for carol"));
    Response dm =
        api.post(
            "/chat/conversations", "{\"participant_ids\":[" + carol.id() + "]}", alice.token());
    assertThat(dm.status()).as(dm.toString()).isEqualTo(201);
    long dmId = dm.json().get("id").getLongValue();
    long inDm =
        id(
            api.post(
                "/chat/conversations/" + dmId + "/messages",
                "{\"text\":\"private " + topic + "\"}",
                alice.token()));

    assertThat(ids(search(bob, topic, null))).containsExactly(inTeam);
    assertThat(ids(search(carol, topic, null))).containsExactly(inDm, inCarols);
    assertThat(ids(search(alice, topic, null))).containsExactly(inDm, inTeam);
    // Naming what one cannot see is a 404, exactly as reading its history would be.
    assertThat(search(bob, topic, "server_id=" + carolsServer).status()).isEqualTo(404);
    assertThat(search(bob, topic, "channel_id=" + carolsChannel).status()).isEqualTo(404);
    assertThat(search(bob, topic, "channel_id=" + dmId).status()).isEqualTo(404);
    assertThat(search(bob, topic, "server_id=" + server + "&channel_id=" + carolsChannel).status())
        .isEqualTo(404);
    assertThat(ids(search(carol, topic, "channel_id=" + dmId))).containsExactly(inDm);
  }

  @Test
  void aBannedOrRemovedMemberStopsSeeingResults() {
    Session owner = api.newUser("sbanner");
    Session banned = api.newUser("sbanned");
    Session leaver = api.newUser("sleaver");
    long server = fx.server(owner, "Strict");
    long channel = fx.channel(owner, server, "general", "TEXT");
    fx.member(owner, server, banned);
    fx.member(owner, server, leaver);
    String secret = word("plan");
    long posted = id(fx.send(owner, server, channel, "the " + secret + " is ready"));
    assertThat(ids(search(banned, secret, null))).containsExactly(posted);
    assertThat(ids(search(leaver, secret, null))).containsExactly(posted);

    String members = "/chat/servers/" + server;
    assertThat(api.put(members + "/bans/" + banned.id(), "{}", owner.token()).status())
        .isEqualTo(204);
    assertThat(api.delete(members + "/members/" + leaver.id(), owner.token()).status())
        .isEqualTo(204);

    assertThat(results(search(banned, secret, null))).isEmpty();
    assertThat(results(search(leaver, secret, null))).isEmpty();
    assertThat(search(banned, secret, "server_id=" + server).status()).isEqualTo(404);
    assertThat(ids(search(owner, secret, null))).containsExactly(posted);
  }

  @Test
  void deletedMessagesAreNotReturned() {
    Session alice = api.newUser("sdeleter");
    long server = fx.server(alice, "Oops");
    long channel = fx.channel(alice, server, "general", "TEXT");
    String password = word("hunter");
    long kept = id(fx.send(alice, server, channel, "do not share " + password + " hints"));
    long gone = id(fx.send(alice, server, channel, "my password is " + password));
    assertThat(ids(search(alice, password, null))).containsExactly(gone, kept);

    assertThat(api.delete("/chat/messages/" + gone, alice.token()).status()).isEqualTo(204);

    assertThat(ids(search(alice, password, null))).containsExactly(kept);
    assertThat(results(search(alice, "password " + password, null))).isEmpty();
  }

  @Test
  void pagesOfTwoWalkEveryResultOnce() {
    Session alice = api.newUser("spager");
    long server = fx.server(alice, "Pages");
    long general = fx.channel(alice, server, "general", "TEXT");
    long random = fx.channel(alice, server, "random", "TEXT");
    String tag = word("walk");
    List<Long> posted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      posted.add(id(fx.send(alice, server, i % 2 == 0 ? general : random, tag + " number " + i)));
    }
    fx.send(alice, server, general, "no tag here");

    List<Long> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page = search(alice, tag, "limit=2" + (cursor == null ? "" : "&before=" + cursor));
      List<Long> ids = ids(page);
      assertThat(ids).hasSizeBetween(1, 2);
      walked.addAll(ids);
      JsonNode next = page.json().get("next_before");
      cursor = next.isNull() ? null : String.valueOf(next.getLongValue());
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(4);
    assertThat(new HashSet<>(walked)).hasSize(walked.size());
    assertThat(walked)
        .containsExactlyElementsOf(posted.stream().sorted((a, b) -> -Long.compare(a, b)).toList());
  }

  @Test
  void badQueriesAre400AndStrangersAre401() {
    Session alice = api.newUser("sbad");

    for (Response blank :
        List.of(search(alice, "   ", null), search(alice, null, null), search(alice, "", null))) {
      assertThat(blank.status()).as(blank.toString()).isEqualTo(400);
      assertThat(blank.json().get("error").getStringValue()).isEqualTo("invalid_input");
      assertThat(blank.json().get("message").getStringValue()).isEqualTo("q must not be blank");
    }
    assertThat(search(alice, "x".repeat(201), null).status()).isEqualTo(400);
    assertThat(search(alice, "ok", "limit=0").status()).isEqualTo(400);
    assertThat(search(alice, "ok", "limit=101").status()).isEqualTo(400);
    assertThat(search(alice, "ok", "server_id=abc").status()).isEqualTo(400);
    assertThat(results(search(alice, "?!", null))).isEmpty();

    Response anonymous = api.get("/chat/search?q=hello", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().get("error").getStringValue()).isEqualTo("unauthorized");
  }
}
