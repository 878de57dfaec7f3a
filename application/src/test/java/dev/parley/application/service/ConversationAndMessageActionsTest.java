package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.Conversation;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.ChannelPresence;
import dev.parley.domain.event.ConversationCreated;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationAndMessageActionsTest {
  private final ChatWorld w = new ChatWorld();
  private final User alice = w.user("alice");
  private final User bob = w.user("bob");
  private final User eve = w.user("eve");

  private Conversation group(User creator, User... others) {
    return w.conversations.create(
        new CreateConversationCommand(
            creator.id(),
            "Team",
            null,
            true,
            java.util.Arrays.stream(others).map(User::id).toList()));
  }

  private PostedMessage post(User user, long channelId, String text) {
    return w.send.send(SendMessageCommand.of(user.id(), channelId, null, text, null)).posted();
  }

  @Test
  void conversationsIncludeTheCreatorAndDirectOnesAreReused() {
    Conversation team = group(alice, bob);
    assertThat(team.channel().kind()).isEqualTo(ChannelKind.GROUP);
    assertThat(team.participantIds()).containsExactly(alice.id(), bob.id());

    Conversation dm =
        w.conversations.create(
            new CreateConversationCommand(alice.id(), null, null, false, List.of(bob.id())));
    Conversation again =
        w.conversations.create(
            new CreateConversationCommand(bob.id(), null, null, false, List.of(alice.id())));
    assertThat(again.channel().id()).isEqualTo(dm.channel().id());
    assertThat(w.conversations.list(bob.id())).hasSize(2);
    assertThat(w.conversations.list(eve.id())).isEmpty();

    assertThatThrownBy(
            () -> new CreateConversationCommand(alice.id(), null, null, false, List.of()))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () ->
                w.conversations.create(
                    new CreateConversationCommand(alice.id(), null, null, true, List.of(4242L))))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("4242");
  }

  @Test
  void onlyParticipantsGetAConversationOrItsEvents() {
    RecordingConnection bobGateway = w.connect(bob);
    RecordingConnection eveGateway = w.connect(eve);
    Conversation team = group(alice, bob);

    assertThat(bobGateway.received).singleElement().isInstanceOf(ConversationCreated.class);
    post(alice, team.channel().id(), "hi");
    assertThat(bobGateway.received).last().isInstanceOf(MessageCreated.class);
    assertThat(eveGateway.received).isEmpty();
    assertThat(w.conversations.get(bob.id(), team.channel().id()).channel().id())
        .isEqualTo(team.channel().id());
    assertThatThrownBy(() -> w.conversations.get(eve.id(), team.channel().id()))
        .isInstanceOf(NotFound.class)
        .hasMessage("Not a member of this conversation");
    assertThatThrownBy(() -> post(eve, team.channel().id(), "let me in"))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void onlyTheAuthorEditsAndEditsAreBroadcast() {
    Conversation team = group(alice, bob);
    RecordingConnection bobSocket = w.connect(bob, team.channel().id());
    PostedMessage message = post(alice, team.channel().id(), "draft");

    assertThatThrownBy(
            () ->
                w.actions.edit(
                    new EditMessageCommand(
                        bob.id(), message.message().id(), new MessageText("mine now"), null)))
        .isInstanceOf(PermissionDenied.class);
    PostedMessage edited =
        w.actions.edit(
            new EditMessageCommand(
                alice.id(), message.message().id(), new MessageText("final"), null));
    assertThat(edited.message().content()).isEqualTo("final");
    assertThat(edited.message().isEdited()).isTrue();
    assertThat(bobSocket.received).last().isInstanceOf(MessageEdited.class);
    assertThatThrownBy(
            () ->
                w.actions.edit(
                    new EditMessageCommand(
                        alice.id(), message.message().id(), new MessageText("x"), 999L)))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                w.actions.edit(
                    new EditMessageCommand(
                        eve.id(), message.message().id(), new MessageText("x"), null)))
        .isInstanceOf(NotFound.class)
        .hasMessage("Message not found");
  }

  @Test
  void authorsDeleteAndInServersSoDoModeratorsButNotMembers() {
    Server server = w.serverServices.create(new CreateServerCommand(alice.id(), "S", null, null));
    Channel channel =
        w.channelServices.create(
            new CreateChannelCommand(
                alice.id(), server.id(), "general", ChannelKind.TEXT, null, null, null));
    User mod = w.user("mod");
    w.memberServices.add(new AddMemberCommand(alice.id(), server.id(), bob.id(), null, null));
    w.memberServices.add(
        new AddMemberCommand(alice.id(), server.id(), mod.id(), null, Role.MODERATOR));
    PostedMessage bobs = post(bob, channel.id(), "bob's");
    PostedMessage alices = post(alice, channel.id(), "alice's");

    assertThatThrownBy(() -> w.actions.delete(bob.id(), alices.message().id(), null))
        .isInstanceOf(PermissionDenied.class);
    w.actions.delete(mod.id(), bobs.message().id(), null);
    assertThat(w.messages.findById(bobs.message().id()).orElseThrow().isDeleted()).isTrue();
    assertThat(w.published).last().isInstanceOf(MessageDeleted.class);
    assertThatThrownBy(() -> w.actions.delete(alice.id(), bobs.message().id(), null))
        .isInstanceOf(NotFound.class);
    w.actions.delete(alice.id(), alices.message().id(), null);
  }

  @Test
  void reactionsToggleAndCount() {
    Conversation team = group(alice, bob);
    PostedMessage message = post(alice, team.channel().id(), "react to me");
    long id = message.message().id();

    ReactionChanged added = w.actions.react(new ReactCommand(bob.id(), id, "👍", null, null));
    assertThat(added.added()).isTrue();
    assertThat(added.count()).isEqualTo(1);
    assertThat(
            w.actions
                .react(new ReactCommand(alice.id(), id, "👍", ReactCommand.Mode.ADD, null))
                .count())
        .isEqualTo(2);
    assertThat(w.actions.react(new ReactCommand(alice.id(), id, "👍", ReactCommand.Mode.ADD, null)))
        .isNull();
    ReactionChanged removed = w.actions.react(new ReactCommand(bob.id(), id, "👍", null, null));
    assertThat(removed.added()).isFalse();
    assertThat(removed.count()).isEqualTo(1);
    assertThatThrownBy(() -> new ReactCommand(bob.id(), id, "two words", null, null))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> w.actions.react(new ReactCommand(eve.id(), id, "👍", null, null)))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void joinAndLeaveNoticesListWhoIsConnected() {
    Conversation team = group(alice, bob);
    RecordingConnection aliceSocket = w.connect(alice, team.channel().id());
    w.presence.joined(aliceSocket);
    RecordingConnection bobSocket = w.connect(bob, team.channel().id());
    w.presence.joined(bobSocket);

    ChannelPresence joined =
        (ChannelPresence) aliceSocket.received.get(aliceSocket.received.size() - 1);
    assertThat(joined.userId()).isEqualTo(bob.id());
    assertThat(joined.activeUserIds()).containsExactly(alice.id(), bob.id());

    w.gateway.disconnect(bobSocket);
    w.presence.left(bobSocket);
    ChannelPresence left =
        (ChannelPresence) aliceSocket.received.get(aliceSocket.received.size() - 1);
    assertThat(left.joined()).isFalse();
    assertThat(left.activeUserIds()).containsExactly(alice.id());

    w.presence.announceStatus(aliceSocket, "Away");
    assertThat(w.published)
        .last()
        .isInstanceOfSatisfying(StatusChanged.class, s -> assertThat(s.status()).isEqualTo("away"));
    assertThatThrownBy(() -> w.presence.announceStatus(aliceSocket, "napping"))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void roomsAreTextChannelsOfThePublicServer() {
    Server rooms =
        w.servers.create(new NewServer("Rooms", null, null, null, true, w.clock.instant()));
    new JoinPublicServer(w.servers, w.memberships, w.clock).accept(alice);
    new JoinPublicServer(w.servers, w.memberships, w.clock).accept(bob);

    Channel room = w.rooms.create(alice.id(), "Tech Talk");
    assertThat(room.serverId()).isEqualTo(rooms.id());
    assertThat(w.rooms.list(bob.id())).containsExactly(room);
    assertThat(w.rooms.get(bob.id(), room.id())).isEqualTo(room);
    assertThatThrownBy(() -> w.rooms.list(eve.id())).isInstanceOf(NotFound.class);

    Server other =
        w.serverServices.create(new CreateServerCommand(alice.id(), "Private", null, null));
    Channel notARoom =
        w.channelServices.create(
            new CreateChannelCommand(
                alice.id(), other.id(), "x", ChannelKind.TEXT, null, null, null));
    assertThatThrownBy(() -> w.rooms.get(alice.id(), notARoom.id()))
        .isInstanceOf(NotFound.class)
        .hasMessage("Room not found");
  }
}
