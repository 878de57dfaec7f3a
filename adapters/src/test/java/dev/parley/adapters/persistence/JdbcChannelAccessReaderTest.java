package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.port.out.ChannelAccessReader.ChannelView;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The one-round-trip access read gives what the three repositories would each say. */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcChannelAccessReaderTest implements TestPropertyProvider {
  @Inject JdbcChannelAccessReader reader;
  @Inject JdbcUserRepository users;
  @Inject JdbcServerRepository servers;
  @Inject JdbcChannelRepository channels;
  @Inject JdbcMembershipRepository memberships;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private User user() {
    return users.create(
        new NewUser(
            new Username("ar" + UUID.randomUUID().toString().substring(0, 8)),
            null,
            null,
            "h",
            now));
  }

  @Test
  void aServerChannelComesWithTheCallersMembershipAndTheCaller() {
    User owner = user();
    User outsider = user();
    Server server = servers.create(new NewServer("reader", null, null, owner.id(), false, now));
    Membership membership =
        new Membership(server.id(), owner.id(), Role.ADMIN, now, now.plusSeconds(60));
    memberships.add(membership);
    Channel channel =
        channels.create(
            new NewChannel(
                server.id(), ChannelKind.TEXT, "general", null, null, null, owner.id(), now));

    ChannelView mine = reader.read(channel.id(), owner.id()).orElseThrow();
    assertThat(mine.channel()).isEqualTo(channels.findById(channel.id()).orElseThrow());
    assertThat(mine.membership())
        .isEqualTo(memberships.find(server.id(), owner.id()).orElseThrow());
    assertThat(mine.membership().timeoutUntil()).isEqualTo(now.plusSeconds(60));
    assertThat(mine.participant()).isFalse();
    assertThat(mine.viewer()).contains(users.findById(owner.id()).orElseThrow());

    ChannelView theirs = reader.read(channel.id(), outsider.id()).orElseThrow();
    assertThat(theirs.membership()).isNull();
    assertThat(theirs.viewer()).contains(users.findById(outsider.id()).orElseThrow());
  }

  @Test
  void aConversationSaysWhoTakesPartAndAMissingChannelOrUserIsEmpty() {
    User alice = user();
    User bob = user();
    Channel dm =
        channels.create(
            new NewChannel(null, ChannelKind.DM, null, null, null, null, alice.id(), now));
    channels.addParticipants(dm.id(), List.of(alice.id()), now);

    assertThat(reader.read(dm.id(), alice.id()).orElseThrow().participant()).isTrue();
    assertThat(reader.read(dm.id(), bob.id()).orElseThrow().participant()).isFalse();
    assertThat(reader.read(dm.id(), 987_654_321L).orElseThrow().viewer()).isEmpty();
    assertThat(reader.read(987_654_321L, alice.id())).isEmpty();
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
