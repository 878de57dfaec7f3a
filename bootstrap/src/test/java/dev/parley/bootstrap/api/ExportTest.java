package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data exports over real HTTP and PostgreSQL: thousands of messages, streamed (chunked, read in
 * pages far smaller than the export), only the caller's own, rate limited, and a whole server for
 * its owner only.
 */
@MicronautTest(transactional = false)
class ExportTest extends ApiTestBase {
  private static final int BULK = 3000;

  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> tx;

  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  @Override
  protected Map<String, String> extraProperties() {
    // Pages far smaller than the export: the document is many reads, written as they come.
    return Map.of("parley.export.page-size", "200");
  }

  /**
   * Appends {@code count} messages by {@code author} to a channel, as the send path numbers them.
   */
  private void bulk(long channelId, long authorId, int count) {
    int inserted =
        tx.executeWrite(
            status -> {
              int rows =
                  jdbc.prepareStatement(
                      "INSERT INTO messages (channel_id, seq, pos, author_id, content, created_at)"
                          + " SELECT c.id, c.last_seq + g, c.last_pos + g, ?, 'bulk ' || g, now()"
                          + " FROM channels c, generate_series(1, ?) g WHERE c.id = ?",
                      statement -> {
                        statement.setLong(1, authorId);
                        statement.setInt(2, count);
                        statement.setLong(3, channelId);
                        return statement.executeUpdate();
                      });
              jdbc.prepareStatement(
                  "UPDATE channels SET last_seq = last_seq + ?, last_pos = last_pos + ?"
                      + " WHERE id = ?",
                  statement -> {
                    statement.setInt(1, count);
                    statement.setInt(2, count);
                    statement.setLong(3, channelId);
                    return statement.executeUpdate();
                  });
              return rows;
            });
    assertThat(inserted).isEqualTo(count);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.values().forEach(out::add);
    return out;
  }

  private static long id(Response created) {
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").getLongValue();
  }

  @Test
  void aUserDownloadsEverythingTheyWroteStreamedAndOnlyTheirs() {
    Session alice = api.newUser("exa");
    Session bob = api.newUser("exb");
    long server = fx.server(alice, "Export");
    long general = fx.channel(alice, server, "general", "text");
    fx.member(alice, server, bob);
    Set<Long> sent = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      sent.add(id(fx.send(alice, server, general, "through the route " + i)));
      id(fx.send(bob, server, general, "not alice's " + i));
    }
    long deleted = id(fx.send(alice, server, general, "regretted"));
    assertThat(api.delete("/chat/messages/" + deleted, alice.token()).status()).isEqualTo(204);
    Response dm =
        api.post("/chat/conversations", "{\"participant_ids\":[" + bob.id() + "]}", alice.token());
    long conversation = id(dm);
    sent.add(
        id(
            api.post(
                "/chat/conversations/" + conversation + "/messages",
                "{\"text\":\"in private\"}",
                alice.token())));
    bulk(general, alice.id(), BULK);
    bulk(general, bob.id(), 500);

    Response export = api.get("/users/me/export", alice.token());

    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(export.header("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\"parley-export-"));
    assertThat(export.header("Content-Length")).as("streamed, so no length up front").isEmpty();
    assertThat(export.header("Transfer-Encoding")).hasValue("chunked");

    JsonNode doc = export.json();
    assertThat(doc.get("format").getStringValue()).isEqualTo("parley-account-export");
    assertThat(doc.get("exported_at").getStringValue()).isNotBlank();
    JsonNode account = doc.get("account");
    assertThat(account.get("id").getLongValue()).isEqualTo(alice.id());
    assertThat(account.get("username").getStringValue()).isEqualTo(alice.username());
    assertThat(account.get("password_hash")).isNull();
    assertThat(export.body()).doesNotContain("$2a$").doesNotContain("$2b$");
    assertThat(list(doc.get("servers")))
        .anySatisfy(
            s -> {
              assertThat(s.get("server_id").getLongValue()).isEqualTo(server);
              assertThat(s.get("role").getStringValue()).isEqualTo("ADMIN");
              assertThat(s.get("owner").getBooleanValue()).isTrue();
            });
    assertThat(list(doc.get("conversations")))
        .extracting(c -> c.get("id").getLongValue())
        .containsExactly(conversation);

    List<JsonNode> messages = list(doc.get("messages"));
    assertThat(messages).hasSize(BULK + sent.size() + 1);
    long previous = 0;
    for (JsonNode m : messages) {
      assertThat(m.get("author_id").getLongValue()).isEqualTo(alice.id());
      assertThat(m.get("author").getStringValue()).isEqualTo(alice.username());
      assertThat(m.get("id").getLongValue()).as("by id").isGreaterThan(previous);
      previous = m.get("id").getLongValue();
    }
    JsonNode gone =
        messages.stream().filter(m -> m.get("id").getLongValue() == deleted).findFirst().get();
    assertThat(gone.get("deleted").getBooleanValue()).isTrue();
    assertThat(gone.get("text").getStringValue()).isEmpty();
    JsonNode first = messages.get(0);
    assertThat(first.get("text").getStringValue()).isEqualTo("through the route 0");
    assertThat(first.get("channel_id").getLongValue()).isEqualTo(general);
    assertThat(first.get("server_id").getLongValue()).isEqualTo(server);
    assertThat(first.get("seq").getLongValue()).isEqualTo(1);
    assertThat(first.get("created_at").getStringValue()).isNotBlank();
    assertThat(messages)
        .filteredOn(m -> m.get("channel_id").getLongValue() == conversation)
        .singleElement()
        .satisfies(m -> assertThat(m.get("server_id").isNull()).isTrue());
    assertThat(export.body()).doesNotContain("not alice's");
  }

  @Test
  void aSecondExportAtOnceIsRefusedWith429AndTheErrorShape() {
    Session carol = api.newUser("exc");
    assertThat(api.get("/users/me/export", carol.token()).status()).isEqualTo(200);

    Response again = api.get("/users/me/export", carol.token());

    assertThat(again.status()).isEqualTo(429);
    assertThat(again.json().get("error").getStringValue()).isEqualTo("rate_limited");
    assertThat(again.header("Retry-After")).isPresent();
    assertThat(api.get("/users/me/export", api.newUser("exd").token()).status())
        .as("the budget is per user")
        .isEqualTo(200);
  }

  @Test
  void aHeadRequestAnswersTheHeadersWithoutSpendingTheRateLimit() {
    Session dave = api.newUser("exh");
    long server = fx.server(dave, "Headed");
    Session member = api.newUser("exhm");
    fx.member(dave, server, member);

    for (int i = 0; i < 3; i++) {
      Response head = api.send("HEAD", "/users/me/export", null, null, dave.token());
      assertThat(head.status()).as(head.toString()).isEqualTo(200);
      assertThat(head.header("Content-Disposition").orElseThrow())
          .contains("parley-export-" + dave.username() + ".json");
      assertThat(
              api.send("HEAD", "/chat/servers/" + server + "/export", null, null, dave.token())
                  .status())
          .isEqualTo(200);
    }
    assertThat(
            api.send("HEAD", "/chat/servers/" + server + "/export", null, null, member.token())
                .status())
        .isEqualTo(403);
    assertThat(api.send("HEAD", "/users/me/export", null, null, null).status()).isEqualTo(401);

    assertThat(api.get("/users/me/export", dave.token()).status()).isEqualTo(200);
    assertThat(api.get("/chat/servers/" + server + "/export", dave.token()).status())
        .isEqualTo(200);
  }

  @Test
  void theOwnerExportsEveryChannelOfAServerAndNoOneElseMay() {
    Session owner = api.newUser("exo");
    Session member = api.newUser("exm");
    Session outsider = api.newUser("exx");
    long server = fx.server(owner, "Owned");
    long general = fx.channel(owner, server, "general", "text");
    long random = fx.channel(owner, server, "random", "text");
    fx.member(owner, server, member);
    id(fx.send(member, server, general, "hello from a member"));
    id(fx.send(owner, server, random, "hello from the owner"));
    bulk(general, member.id(), 1500);
    bulk(random, owner.id(), 700);

    Response byMember = api.get("/chat/servers/" + server + "/export", member.token());
    Response byOutsider = api.get("/chat/servers/" + server + "/export", outsider.token());
    Response missing = api.get("/chat/servers/999999999/export", owner.token());
    Response export = api.get("/chat/servers/" + server + "/export", owner.token());

    assertThat(byMember.status()).isEqualTo(403);
    assertThat(byMember.json().get("error").getStringValue()).isNotBlank();
    assertThat(byOutsider.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.header("Transfer-Encoding")).hasValue("chunked");
    JsonNode doc = export.json();
    assertThat(doc.get("format").getStringValue()).isEqualTo("parley-server-export");
    assertThat(doc.get("server").get("id").getLongValue()).isEqualTo(server);
    Map<Long, Integer> counts = new java.util.HashMap<>();
    for (JsonNode c : list(doc.get("channels"))) {
      long channel = c.get("channel").get("id").getLongValue();
      List<JsonNode> messages = list(c.get("messages"));
      long seq = 0;
      for (JsonNode m : messages) {
        assertThat(m.get("seq").getLongValue()).isEqualTo(++seq);
        assertThat(m.get("channel_id").getLongValue()).isEqualTo(channel);
      }
      counts.put(channel, messages.size());
    }
    assertThat(counts).containsEntry(general, 1501).containsEntry(random, 701);
    assertThat(api.get("/chat/servers/" + server + "/export", owner.token()).status())
        .isEqualTo(429);
  }
}
