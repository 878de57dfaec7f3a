package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.port.out.ChannelAccessReader.ChannelView;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.port.out.SessionRepository.Session;
import dev.parley.application.port.out.SessionRepository.Standing;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The access reader answers from memory, and a change committed by anyone (here plain SQL, as
 * another node or psql would) reaches it through PostgreSQL's announcements.
 */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessChangeListenerTest implements TestPropertyProvider {
  private static final Duration HEARD = Duration.ofSeconds(10);

  @Inject JdbcChannelAccessReader reader;
  @Inject AccessChangeListener listener;
  @Inject JdbcUserRepository users;
  @Inject JdbcServerRepository servers;
  @Inject JdbcChannelRepository channels;
  @Inject JdbcMembershipRepository memberships;
  @Inject JdbcMessageRepository messages;
  @Inject JdbcSessionRepository sessions;
  @Inject JdbcOperations jdbc;
  @Inject ConnectionOperations<Connection> connections;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private User owner;
  private User member;
  private Channel channel;

  @BeforeEach
  void world() {
    await().atMost(HEARD).until(() -> listener.cache().isLive());
    owner = user();
    member = user();
    Server server = servers.create(new NewServer("cached", null, null, owner.id(), false, now));
    memberships.add(new Membership(server.id(), owner.id(), Role.ADMIN, now));
    memberships.add(new Membership(server.id(), member.id(), Role.MEMBER, now));
    channel =
        channels.create(
            new NewChannel(server.id(), ChannelKind.TEXT, "general", null, null, null, null, now));
  }

  private User user() {
    return users.create(
        new NewUser(
            new Username("lc" + UUID.randomUUID().toString().substring(0, 8)),
            null,
            null,
            "h",
            now));
  }

  /** Runs SQL on a pooled connection of its own, as another node would. */
  private void sql(String statement) {
    connections.executeWrite(
        status ->
            jdbc.execute(
                c -> {
                  c.createStatement().execute(statement);
                  return null;
                }));
  }

  private ChannelView view() {
    return reader.read(channel.id(), member.id()).orElseThrow();
  }

  private void eventually(Predicate<ChannelView> holds) {
    await().atMost(HEARD).until(() -> holds.test(view()));
  }

  @Test
  void repeatedReadsComeFromMemoryAndASendDoesNotDropThem() {
    // Once the announcements of the set-up's own writes are heard, a read comes from memory.
    await().atMost(HEARD).until(() -> readFromMemory(this::view));

    long heard = listener.cache().heard();
    messages.append(new NewMessage(channel.id(), member.id(), "hi", now, null, null));
    // Announcements arrive in commit order: once this later one is heard, one for the send
    // would have been too.
    sql("UPDATE users SET display_name = 'x' WHERE id = " + owner.id());
    await().atMost(HEARD).until(() -> listener.cache().heard() > heard);
    assertThat(listener.cache().heard()).isEqualTo(heard + 1);
    long before = listener.cache().hits();
    view();
    assertThat(listener.cache().hits()).as("the send moved no access row").isEqualTo(before + 1);
  }

  @Test
  void changesCommittedElsewhereReachTheReader() {
    assertThat(view().membership().role()).isEqualTo(Role.MEMBER);

    sql(
        "UPDATE memberships SET role = 'MODERATOR' WHERE user_id = "
            + member.id()
            + " AND server_id = "
            + channel.serverId());
    eventually(v -> v.membership() != null && v.membership().role() == Role.MODERATOR);

    sql("UPDATE channels SET name = 'renamed' WHERE id = " + channel.id());
    eventually(v -> v.channel().name().equals("renamed"));

    sql("UPDATE users SET display_name = 'Shown' WHERE id = " + member.id());
    eventually(v -> "Shown".equals(v.viewer().orElseThrow().displayName()));

    sql(
        "DELETE FROM memberships WHERE user_id = "
            + member.id()
            + " AND server_id = "
            + channel.serverId());
    eventually(v -> v.membership() == null);

    sql("DELETE FROM channels WHERE id = " + channel.id());
    await().atMost(HEARD).until(() -> reader.read(channel.id(), member.id()).isEmpty());
  }

  @Test
  void joiningAConversationReachesTheReader() {
    Channel group =
        channels.create(
            new NewChannel(null, ChannelKind.GROUP, "g", null, null, null, owner.id(), now));
    channels.addParticipants(group.id(), List.of(owner.id()), now);
    assertThat(reader.read(group.id(), member.id()).orElseThrow().participant()).isFalse();
    sql(
        "INSERT INTO channel_participants (channel_id, user_id, joined_at) VALUES ("
            + group.id()
            + ", "
            + member.id()
            + ", now())");
    await()
        .atMost(HEARD)
        .until(() -> reader.read(group.id(), member.id()).orElseThrow().participant());
  }

  @Test
  void aReachIsKeptAndChangesCommittedElsewhereReachIt() {
    long serverId = channel.serverId();
    assertThat(memberships.reachOf(member.id()).serverIds()).containsExactly(serverId);
    // Once the announcements of the set-up's own writes are heard, a read comes from memory.
    await().atMost(HEARD).until(() -> readFromMemory(() -> memberships.reachOf(member.id())));

    Channel dm =
        channels.create(
            new NewChannel(null, ChannelKind.DM, null, null, null, null, owner.id(), now));
    sql(
        "INSERT INTO channel_participants (channel_id, user_id, joined_at) VALUES ("
            + dm.id()
            + ", "
            + member.id()
            + ", now())");
    await()
        .atMost(HEARD)
        .until(() -> memberships.reachOf(member.id()).conversationIds().equals(List.of(dm.id())));

    sql("DELETE FROM memberships WHERE user_id = " + member.id() + " AND server_id = " + serverId);
    await().atMost(HEARD).until(() -> memberships.reachOf(member.id()).serverIds().isEmpty());
  }

  @Test
  void anEventHeardHereMakesTheNextReachReadTheDatabase() {
    await().atMost(HEARD).until(() -> readFromMemory(() -> memberships.reachOf(member.id())));
    memberships.reachChanged(member.id());
    long hits = listener.cache().hits();
    assertThat(memberships.reachOf(member.id()).serverIds()).containsExactly(channel.serverId());
    assertThat(listener.cache().hits())
        .as("read from the database after the event")
        .isEqualTo(hits);
    memberships.reachOf(member.id());
    assertThat(listener.cache().hits()).as("and kept again").isEqualTo(hits + 1);
  }

  private boolean readFromMemory(Runnable read) {
    long hits = listener.cache().hits();
    read.run();
    return listener.cache().hits() == hits + 1;
  }

  @Test
  void aSessionsStandingIsKeptUntilARevocationCommittedElsewhereIsHeard() {
    String id = UUID.randomUUID().toString();
    sessions.create(
        new Session(
            id, member.id(), "r".repeat(64 - id.length()) + id, now, now.plusSeconds(3600), null));
    assertThat(sessions.standing(id)).contains(new Standing(member.id(), now.plusSeconds(3600)));
    await().atMost(HEARD).until(() -> readFromMemory(() -> sessions.standing(id)));
    await().atMost(HEARD).until(() -> readFromMemory(() -> users.findById(owner.id())));
    // A new refresh hash is no change to the standing. Announcements come in commit order, so
    // once the later change of the owner is heard, one of the session would have been too.
    sql("UPDATE sessions SET refresh_hash = '" + "x".repeat(28) + id + "' WHERE id = '" + id + "'");
    sql("UPDATE users SET display_name = 'unrelated' WHERE id = " + owner.id());
    await()
        .atMost(HEARD)
        .until(() -> "unrelated".equals(users.findById(owner.id()).orElseThrow().displayName()));
    assertThat(readFromMemory(() -> sessions.standing(id))).as("still from memory").isTrue();

    sql("UPDATE sessions SET revoked_at = now() WHERE id = '" + id + "'");

    await().atMost(HEARD).until(() -> sessions.standing(id).isEmpty());
  }

  @Test
  void aRevocationThroughThisNodeIsSeenAtOnce() {
    String id = UUID.randomUUID().toString();
    sessions.create(
        new Session(
            id, member.id(), "q".repeat(64 - id.length()) + id, now, now.plusSeconds(3600), null));
    await().atMost(HEARD).until(() -> readFromMemory(() -> sessions.standing(id)));

    sessions.revokeAllOf(member.id(), now);

    assertThat(sessions.standing(id)).isEmpty();
  }

  @Test
  void aUserIsKeptUntilAChangeCommittedElsewhereIsHeard() {
    await().atMost(HEARD).until(() -> readFromMemory(() -> users.findById(member.id())));

    sql("UPDATE users SET active = false WHERE id = " + member.id());

    await().atMost(HEARD).until(() -> !users.findById(member.id()).orElseThrow().active());
  }

  @Test
  void whileTheListeningLinkIsDownTheDatabaseAnswers() throws Exception {
    view();
    listener.dropConnection();
    await().atMost(HEARD).until(() -> !listener.cache().isLive());
    sql("UPDATE channels SET name = 'during' WHERE id = " + channel.id());
    eventually(v -> v.channel().name().equals("during"));
    await().atMost(HEARD).until(() -> listener.cache().isLive());
    sql("UPDATE channels SET name = 'after' WHERE id = " + channel.id());
    eventually(v -> v.channel().name().equals("after"));
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties =
        new java.util.HashMap<>(TestPostgres.freshDatasourceProperties());
    // Long enough to see the link down before it comes back.
    properties.put("parley.access-cache.retry", "2s");
    return properties;
  }
}
