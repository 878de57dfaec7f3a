package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.realtime.ClientConnection.CloseReason;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.ServerDeleted;
import dev.parley.domain.event.Topic;
import dev.parley.domain.event.TypingChanged;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatServicesTest {
  private final ChatWorld w = new ChatWorld();
  private final User admin = w.user("admin");
  private final User member = w.user("member");
  private final User outsider = w.user("outsider");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(admin.id(), "Club", null, null));
  private final Channel general = channel(admin, "general", ChannelKind.TEXT);

  ChatServicesTest() {
    w.memberServices.add(new AddMemberCommand(admin.id(), server.id(), member.id(), null, null));
  }

  private Channel channel(User actor, String name, ChannelKind kind) {
    return w.channelServices.create(
        new CreateChannelCommand(actor.id(), server.id(), name, kind, null, null, null));
  }

  private PostedMessage send(User user, String text, String nonce) {
    return w.send.send(SendMessageCommand.of(user.id(), general.id(), null, text, nonce)).posted();
  }

  @Test
  void creatorIsAdminAndOwner() {
    assertThat(w.memberships.find(server.id(), admin.id()).map(Membership::role))
        .contains(Role.ADMIN);
    assertThat(server.ownerId()).isEqualTo(admin.id());
    assertThat(w.serverServices.list(admin.id()))
        .extracting(s -> s.server().id())
        .contains(server.id());
    assertThat(w.serverServices.list(outsider.id())).isEmpty();
  }

  @Test
  void onlyAdminsManageChannelsAndMembers() {
    assertThatThrownBy(() -> channel(member, "nope", ChannelKind.TEXT))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> channel(outsider, "nope", ChannelKind.TEXT))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                w.memberServices.add(
                    new AddMemberCommand(member.id(), server.id(), outsider.id(), null, null)))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> w.memberServices.remove(member.id(), server.id(), admin.id()))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> w.serverServices.delete(member.id(), server.id()))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> w.channelServices.list(outsider.id(), server.id()))
        .isInstanceOf(NotFound.class);
    assertThat(w.channelServices.list(member.id(), server.id())).containsExactly(general);
  }

  @Test
  void membersAreAddedByIdOrNameOnceAndTheOwnerStays() {
    User other = w.user("other");
    var added =
        w.memberServices.add(
            new AddMemberCommand(admin.id(), server.id(), null, other.username(), Role.MODERATOR));
    assertThat(added.membership().role()).isEqualTo(Role.MODERATOR);
    assertThatThrownBy(
            () ->
                w.memberServices.add(
                    new AddMemberCommand(admin.id(), server.id(), other.id(), null, null)))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(
            () ->
                w.memberServices.add(
                    new AddMemberCommand(
                        admin.id(), server.id(), null, new Username("ghost_user"), null)))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> w.memberServices.remove(admin.id(), server.id(), admin.id()))
        .isInstanceOf(PermissionDenied.class);
    w.memberServices.remove(other.id(), server.id(), other.id());
    assertThat(w.memberships.find(server.id(), other.id())).isEmpty();
    assertThat(w.published)
        .anyMatch(e -> e instanceof MemberLeft l && l.reason() == MemberLeft.Reason.LEFT);
  }

  @Test
  void publicServerTakesRoomsFromAnyMemberButNoVoiceAndNobodyLeaves() {
    Server rooms =
        w.servers.create(new NewServer("Rooms", null, null, null, true, w.clock.instant()));
    new JoinPublicServer(w.servers, w.memberships, w.clock).accept(member);
    Channel room =
        w.channelServices.create(
            new CreateChannelCommand(
                member.id(), rooms.id(), "Tech Talk", ChannelKind.TEXT, null, null, null));
    assertThat(room.serverId()).isEqualTo(rooms.id());
    assertThatThrownBy(
            () ->
                w.channelServices.create(
                    new CreateChannelCommand(
                        member.id(), rooms.id(), "Voice", ChannelKind.VOICE, null, null, null)))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> w.memberServices.remove(member.id(), rooms.id(), member.id()))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> w.serverServices.delete(member.id(), rooms.id()))
        .isInstanceOf(PermissionDenied.class);
  }

  @Test
  void messagesGetGaplessSeqAndReachExactlyTheMembers() {
    RecordingConnection adminConn = w.connect(admin);
    RecordingConnection memberConn = w.connect(member);
    RecordingConnection outsiderConn = w.connect(outsider);

    PostedMessage first = send(member, "one", null);
    PostedMessage second = send(admin, "two", null);

    assertThat(first.message().seq()).isEqualTo(1);
    assertThat(second.message().seq()).isEqualTo(2);
    assertThat(first.authorName()).isEqualTo(member.username().value());
    assertThat(memberConn.received).filteredOn(MessageCreated.class::isInstance).hasSize(2);
    assertThat(adminConn.received).filteredOn(MessageCreated.class::isInstance).hasSize(2);
    assertThat(outsiderConn.received).isEmpty();
  }

  @Test
  void aRepeatedNonceReturnsTheFirstMessageAndDeliversItOnce() {
    RecordingConnection watching = w.connect(admin);
    PostedMessage first = send(member, "hello", "n-1");
    var again = w.send.send(SendMessageCommand.of(member.id(), general.id(), null, "hello", "n-1"));

    assertThat(again.duplicate()).isTrue();
    assertThat(again.posted().message().id()).isEqualTo(first.message().id());
    // Announced again (in case the first announcement was lost), delivered once.
    assertThat(watching.received).filteredOn(MessageCreated.class::isInstance).hasSize(1);
    // The same nonce from someone else is a different message.
    assertThat(send(admin, "hello", "n-1").message().seq()).isEqualTo(2);
  }

  @Test
  void sendsAreCheckedAgainstVisibilityKindServerAndReplies() {
    Channel voice = channel(admin, "voice", ChannelKind.VOICE);
    assertThatThrownBy(() -> send(outsider, "hi", null)).isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> w.send.send(SendMessageCommand.of(admin.id(), voice.id(), null, "hi", null)))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () ->
                w.send.send(
                    SendMessageCommand.of(
                        admin.id(),
                        general.id(),
                        ChannelExpectation.ofServer(server.id() + 1),
                        "hi",
                        null)))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                w.send.send(
                    new SendMessageCommand(
                        admin.id(),
                        general.id(),
                        null,
                        new dev.parley.domain.message.MessageText("re"),
                        null,
                        987L)))
        .isInstanceOf(InvalidInput.class);
    PostedMessage original = send(admin, "original", null);
    var reply =
        w.send.send(
            new SendMessageCommand(
                member.id(),
                general.id(),
                null,
                new dev.parley.domain.message.MessageText("re"),
                null,
                original.message().id()));
    assertThat(reply.posted().message().replyToId()).isEqualTo(original.message().id());
  }

  @Test
  void historyPagesAreOldestFirst() {
    for (int i = 1; i <= 5; i++) {
      send(member, "m" + i, null);
    }
    List<String> newest =
        w.history.read(ReadHistoryQuery.newest(admin.id(), general.id(), 2)).stream()
            .map(p -> p.message().content())
            .toList();
    assertThat(newest).containsExactly("m4", "m5");
    long thirdId =
        w.history.read(ReadHistoryQuery.newest(admin.id(), general.id(), 5)).get(2).message().id();
    List<String> before =
        w
            .history
            .read(
                new ReadHistoryQuery(admin.id(), general.id(), null, 10, null, thirdId, null, null))
            .stream()
            .map(p -> p.message().content())
            .toList();
    assertThat(before).containsExactly("m1", "m2");
    assertThatThrownBy(
            () -> w.history.read(ReadHistoryQuery.newest(outsider.id(), general.id(), 2)))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> new ReadHistoryQuery(admin.id(), general.id(), null, 101, null, null, null, null))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void typingReachesMembersAndIsRefusedToOutsiders() {
    RecordingConnection adminConn = w.connect(admin);
    w.typing.setTyping(member.id(), general.id(), ChannelExpectation.ofServer(server.id()), true);
    assertThat(adminConn.received).filteredOn(TypingChanged.class::isInstance).hasSize(1);
    assertThatThrownBy(
            () -> w.typing.setTyping(outsider.id(), general.id(), ChannelExpectation.ANY, true))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void removalStopsDeliveryAtOnceAndClosesBoundSockets() {
    RecordingConnection gateway = w.connect(member);
    RecordingConnection channelSocket = w.connect(member, general.id());

    w.memberServices.remove(admin.id(), server.id(), member.id());

    assertThat(gateway.received).last().isInstanceOf(MemberLeft.class);
    assertThat(channelSocket.closes).containsExactly(CloseReason.ACCESS_REVOKED);
    assertThat(w.registry.topicsOf(gateway)).doesNotContain(Topic.server(server.id()));
    int before = gateway.received.size();
    send(admin, "after removal", null);
    assertThat(gateway.received).hasSize(before);

    w.memberServices.add(new AddMemberCommand(admin.id(), server.id(), member.id(), null, null));
    assertThat(gateway.received).last().isInstanceOf(MemberJoined.class);
    send(admin, "welcome back", null);
    assertThat(gateway.received).last().isInstanceOf(MessageCreated.class);
  }

  @Test
  void deletingAServerTellsMembersAndDropsEveryFollower() {
    RecordingConnection gateway = w.connect(member);
    RecordingConnection channelSocket = w.connect(member, general.id());

    w.serverServices.delete(admin.id(), server.id());

    assertThat(gateway.received).last().isInstanceOf(ServerDeleted.class);
    assertThat(channelSocket.closes).containsExactly(CloseReason.ACCESS_REVOKED);
    assertThat(w.registry.topicsOf(gateway)).doesNotContain(Topic.server(server.id()));
    assertThat(w.servers.findById(server.id())).isEmpty();
    assertThat(w.channels.findById(general.id())).isEmpty();
  }

  @Test
  void gatewayFollowsServersConversationsAndTheUserAndRefusesInvisibleChannels() {
    RecordingConnection gateway = w.connect(member);
    assertThat(w.registry.topicsOf(gateway))
        .contains(Topic.user(member.id()), Topic.server(server.id()));
    assertThatThrownBy(() -> w.connect(outsider, general.id())).isInstanceOf(NotFound.class);
    assertThat(w.registry.connectionsOf(outsider.id())).isEmpty();
  }
}
