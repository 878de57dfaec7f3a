package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.unique;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ServerRepository} must do; run against the in-memory and JDBC versions. */
public abstract class ServerRepositoryContract {

  protected abstract OutPorts ports();

  @Test
  void createsAndFindsById() {
    User owner = user(ports().users());
    String name = unique("Guild ");
    Server created =
        ports()
            .servers()
            .create(new NewServer(name, "About us", "https://x.io/i.png", owner.id(), false, NOW));

    assertThat(created.id()).isPositive();
    assertThat(created)
        .isEqualTo(
            new Server(
                created.id(), name, "About us", "https://x.io/i.png", owner.id(), false, NOW));
    assertThat(ports().servers().findById(created.id())).contains(created);
  }

  @Test
  void keepsOptionalFieldsNull() {
    Server created =
        ports().servers().create(new NewServer(unique("Bare "), null, null, null, false, NOW));

    assertThat(ports().servers().findById(created.id()))
        .contains(new Server(created.id(), created.name(), null, null, null, false, NOW));
  }

  @Test
  void unknownServerIsEmpty() {
    assertThat(ports().servers().findById(987_654_321L)).isEmpty();
  }

  @Test
  void findsTheSinglePublicServer() {
    // A migration may already have inserted the built-in public server.
    Server pub =
        ports()
            .servers()
            .findPublic()
            .orElseGet(
                () ->
                    ports().servers().create(new NewServer("Public", null, null, null, true, NOW)));
    server(ports().servers(), user(ports().users()));

    assertThat(pub.isPublic()).isTrue();
    assertThat(ports().servers().findPublic()).contains(pub);
    assertThatThrownBy(
            () ->
                ports()
                    .servers()
                    .create(new NewServer(unique("Other "), null, null, null, true, NOW)))
        .isInstanceOf(RuntimeException.class);
    assertThat(ports().servers().findPublic()).contains(pub);
  }

  @Test
  void listsOnlyTheUsersServersWithTheirRoleInJoiningOrder() {
    User me = user(ports().users());
    User other = user(ports().users());
    Server joinedLast = server(ports().servers(), other);
    Server joinedFirst = server(ports().servers(), other);
    Server notMine = server(ports().servers(), other);
    Server joinedSameTimeA = server(ports().servers(), other);
    Server joinedSameTimeB = server(ports().servers(), other);
    ports()
        .memberships()
        .add(new Membership(joinedLast.id(), me.id(), Role.ADMIN, NOW.plusSeconds(30)));
    ports()
        .memberships()
        .add(new Membership(joinedFirst.id(), me.id(), Role.MEMBER, NOW.plusSeconds(10)));
    ports()
        .memberships()
        .add(new Membership(joinedSameTimeB.id(), me.id(), Role.MODERATOR, NOW.plusSeconds(20)));
    ports()
        .memberships()
        .add(new Membership(joinedSameTimeA.id(), me.id(), Role.MEMBER, NOW.plusSeconds(20)));
    ports().memberships().add(new Membership(notMine.id(), other.id(), Role.ADMIN, NOW));

    assertThat(ports().servers().listForUser(me.id()))
        .containsExactly(
            new ServerWithRole(joinedFirst, Role.MEMBER),
            new ServerWithRole(joinedSameTimeA, Role.MEMBER),
            new ServerWithRole(joinedSameTimeB, Role.MODERATOR),
            new ServerWithRole(joinedLast, Role.ADMIN));
    assertThat(ports().servers().listForUser(user(ports().users()).id())).isEmpty();
  }

  @Test
  void deleteCascadesToMembershipsChannelsAndMessages() {
    User owner = user(ports().users());
    Server doomed = server(ports().servers(), owner);
    Server kept = server(ports().servers(), owner);
    ports().memberships().add(new Membership(doomed.id(), owner.id(), Role.ADMIN, NOW));
    ports().memberships().add(new Membership(kept.id(), owner.id(), Role.ADMIN, NOW));
    Channel doomedChannel = textChannel(ports().channels(), doomed, null);
    Channel keptChannel = textChannel(ports().channels(), kept, null);
    Channel dm = Fixtures.conversation(ports().channels(), ChannelKind.DM, owner);
    ports().channels().addParticipants(dm.id(), List.of(owner.id()), NOW);
    Message doomedMessage = post(doomedChannel, owner);
    Message keptMessage = post(keptChannel, owner);
    Message dmMessage = post(dm, owner);

    ports().servers().delete(doomed.id());

    assertThat(ports().servers().findById(doomed.id())).isEmpty();
    assertThat(ports().memberships().find(doomed.id(), owner.id())).isEmpty();
    assertThat(ports().memberships().list(doomed.id())).isEmpty();
    assertThat(ports().memberships().serverIdsOf(owner.id())).containsExactly(kept.id());
    assertThat(ports().servers().listForUser(owner.id()))
        .containsExactly(new ServerWithRole(kept, Role.ADMIN));
    assertThat(ports().channels().findById(doomedChannel.id())).isEmpty();
    assertThat(ports().channels().listByServer(doomed.id())).isEmpty();
    assertThat(ports().messages().findById(doomedMessage.id())).isEmpty();

    assertThat(ports().servers().findById(kept.id())).contains(kept);
    assertThat(ports().channels().findById(keptChannel.id())).isPresent();
    assertThat(ports().messages().findById(keptMessage.id())).contains(keptMessage);
    assertThat(ports().channels().conversationsOf(owner.id()))
        .extracting(Channel::id)
        .contains(dm.id());
    assertThat(ports().messages().findById(dmMessage.id())).contains(dmMessage);
  }

  @Test
  void updateReplacesTheNameDescriptionAndIcon() {
    User owner = user(ports().users());
    Server server =
        ports()
            .servers()
            .create(new NewServer(unique("Old "), "old", "old.png", owner.id(), false, NOW));
    Server other = server(ports().servers(), owner);
    String name = unique("New ");

    Server updated = ports().servers().update(server.id(), name, "new", "new.png");

    assertThat(updated)
        .isEqualTo(new Server(server.id(), name, "new", "new.png", owner.id(), false, NOW));
    assertThat(ports().servers().findById(server.id())).contains(updated);
    assertThat(ports().servers().findById(other.id())).contains(other);

    Server cleared = ports().servers().update(server.id(), name, null, null);

    assertThat(cleared)
        .isEqualTo(new Server(server.id(), name, null, null, owner.id(), false, NOW));
    assertThat(ports().servers().findById(server.id())).contains(cleared);
  }

  @Test
  void updatingAnUnknownServerFails() {
    assertThatThrownBy(() -> ports().servers().update(987_654_321L, "Ghost", null, null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void deletingAnUnknownServerDoesNothing() {
    Server kept = server(ports().servers(), user(ports().users()));

    ports().servers().delete(987_654_321L);

    assertThat(ports().servers().findById(kept.id())).contains(kept);
  }

  private Message post(Channel channel, User author) {
    return ports()
        .messages()
        .append(new NewMessage(channel.id(), author.id(), "hi", NOW, null, null));
  }
}
