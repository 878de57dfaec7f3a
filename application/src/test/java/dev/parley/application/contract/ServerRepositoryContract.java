package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.unique;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.port.out.ServerRepository.ServerWithRole;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ServerRepository} must do; run against the in-memory and JDBC versions. */
public abstract class ServerRepositoryContract {

  protected abstract UserRepository users();

  protected abstract ServerRepository servers();

  protected abstract MembershipRepository memberships();

  protected abstract ChannelRepository channels();

  protected abstract MessageRepository messages();

  @Test
  void createsAndFindsById() {
    User owner = user(users());
    String name = unique("Guild ");
    Server created =
        servers()
            .create(new NewServer(name, "About us", "https://x.io/i.png", owner.id(), false, NOW));

    assertThat(created.id()).isPositive();
    assertThat(created)
        .isEqualTo(
            new Server(
                created.id(), name, "About us", "https://x.io/i.png", owner.id(), false, NOW));
    assertThat(servers().findById(created.id())).contains(created);
  }

  @Test
  void keepsOptionalFieldsNull() {
    Server created = servers().create(new NewServer(unique("Bare "), null, null, null, false, NOW));

    assertThat(servers().findById(created.id()))
        .contains(new Server(created.id(), created.name(), null, null, null, false, NOW));
  }

  @Test
  void unknownServerIsEmpty() {
    assertThat(servers().findById(987_654_321L)).isEmpty();
  }

  @Test
  void findsTheSinglePublicServer() {
    // A migration may already have inserted the built-in public server.
    Server pub =
        servers()
            .findPublic()
            .orElseGet(
                () -> servers().create(new NewServer("Public", null, null, null, true, NOW)));
    server(servers(), user(users()));

    assertThat(pub.isPublic()).isTrue();
    assertThat(servers().findPublic()).contains(pub);
    assertThatThrownBy(
            () -> servers().create(new NewServer(unique("Other "), null, null, null, true, NOW)))
        .isInstanceOf(RuntimeException.class);
    assertThat(servers().findPublic()).contains(pub);
  }

  @Test
  void listsOnlyTheUsersServersWithTheirRoleInJoiningOrder() {
    User me = user(users());
    User other = user(users());
    Server joinedLast = server(servers(), other);
    Server joinedFirst = server(servers(), other);
    Server notMine = server(servers(), other);
    Server joinedSameTimeA = server(servers(), other);
    Server joinedSameTimeB = server(servers(), other);
    memberships().add(new Membership(joinedLast.id(), me.id(), Role.ADMIN, NOW.plusSeconds(30)));
    memberships().add(new Membership(joinedFirst.id(), me.id(), Role.MEMBER, NOW.plusSeconds(10)));
    memberships()
        .add(new Membership(joinedSameTimeB.id(), me.id(), Role.MODERATOR, NOW.plusSeconds(20)));
    memberships()
        .add(new Membership(joinedSameTimeA.id(), me.id(), Role.MEMBER, NOW.plusSeconds(20)));
    memberships().add(new Membership(notMine.id(), other.id(), Role.ADMIN, NOW));

    assertThat(servers().listForUser(me.id()))
        .containsExactly(
            new ServerWithRole(joinedFirst, Role.MEMBER),
            new ServerWithRole(joinedSameTimeA, Role.MEMBER),
            new ServerWithRole(joinedSameTimeB, Role.MODERATOR),
            new ServerWithRole(joinedLast, Role.ADMIN));
    assertThat(servers().listForUser(user(users()).id())).isEmpty();
  }

  @Test
  void deleteCascadesToMembershipsChannelsAndMessages() {
    User owner = user(users());
    Server doomed = server(servers(), owner);
    Server kept = server(servers(), owner);
    memberships().add(new Membership(doomed.id(), owner.id(), Role.ADMIN, NOW));
    memberships().add(new Membership(kept.id(), owner.id(), Role.ADMIN, NOW));
    Channel doomedChannel = textChannel(channels(), doomed, null);
    Channel keptChannel = textChannel(channels(), kept, null);
    Channel dm = Fixtures.conversation(channels(), ChannelKind.DM, owner);
    channels().addParticipants(dm.id(), List.of(owner.id()), NOW);
    Message doomedMessage = post(doomedChannel, owner);
    Message keptMessage = post(keptChannel, owner);
    Message dmMessage = post(dm, owner);

    servers().delete(doomed.id());

    assertThat(servers().findById(doomed.id())).isEmpty();
    assertThat(memberships().find(doomed.id(), owner.id())).isEmpty();
    assertThat(memberships().list(doomed.id())).isEmpty();
    assertThat(memberships().serverIdsOf(owner.id())).containsExactly(kept.id());
    assertThat(servers().listForUser(owner.id()))
        .containsExactly(new ServerWithRole(kept, Role.ADMIN));
    assertThat(channels().findById(doomedChannel.id())).isEmpty();
    assertThat(channels().listByServer(doomed.id())).isEmpty();
    assertThat(messages().findById(doomedMessage.id())).isEmpty();

    assertThat(servers().findById(kept.id())).contains(kept);
    assertThat(channels().findById(keptChannel.id())).isPresent();
    assertThat(messages().findById(keptMessage.id())).contains(keptMessage);
    assertThat(channels().conversationsOf(owner.id())).extracting(Channel::id).contains(dm.id());
    assertThat(messages().findById(dmMessage.id())).contains(dmMessage);
  }

  @Test
  void updateReplacesTheNameDescriptionAndIcon() {
    User owner = user(users());
    Server server =
        servers().create(new NewServer(unique("Old "), "old", "old.png", owner.id(), false, NOW));
    Server other = server(servers(), owner);
    String name = unique("New ");

    Server updated = servers().update(server.id(), name, "new", "new.png");

    assertThat(updated)
        .isEqualTo(new Server(server.id(), name, "new", "new.png", owner.id(), false, NOW));
    assertThat(servers().findById(server.id())).contains(updated);
    assertThat(servers().findById(other.id())).contains(other);

    Server cleared = servers().update(server.id(), name, null, null);

    assertThat(cleared)
        .isEqualTo(new Server(server.id(), name, null, null, owner.id(), false, NOW));
    assertThat(servers().findById(server.id())).contains(cleared);
  }

  @Test
  void updatingAnUnknownServerFails() {
    assertThatThrownBy(() -> servers().update(987_654_321L, "Ghost", null, null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void deletingAnUnknownServerDoesNothing() {
    Server kept = server(servers(), user(users()));

    servers().delete(987_654_321L);

    assertThat(servers().findById(kept.id())).contains(kept);
  }

  private Message post(Channel channel, User author) {
    return messages().append(new NewMessage(channel.id(), author.id(), "hi", NOW, null, null));
  }
}
