package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a route expects of its channel is checked by the core with the access rule, in one step: a
 * room must be a text channel of the public server, a conversation a conversation, a channel of a
 * named server that server's; anything else is missing, in the route's words.
 */
class ChannelExpectationTest {
  private final ChatWorld w = new ChatWorld();
  private final User alice = w.user("alice");
  private final User bob = w.user("bob");
  private final Server lobby =
      w.servers.create(new NewServer("Rooms", null, null, null, true, w.clock.instant()));
  private final Channel room;
  private final Channel voiceRoom;
  private final Channel privateText;
  private final Channel dm;

  ChannelExpectationTest() {
    new JoinPublicServer(w.servers, w.memberships, w.clock).accept(alice);
    new JoinPublicServer(w.servers, w.memberships, w.clock).accept(bob);
    room = w.rooms.create(alice.id(), "Tech Talk");
    // The public server has no owner to add a voice channel; the store takes one directly.
    voiceRoom =
        w.channels.create(
            new NewChannel(
                lobby.id(), ChannelKind.VOICE, "voice", null, null, null, null, w.clock.instant()));
    privateText = w.channelOf(alice, bob);
    dm =
        w.conversations
            .create(new CreateConversationCommand(alice.id(), null, null, false, List.of(bob.id())))
            .channel();
  }

  @Test
  void aRoomIsATextChannelOfThePublicServer() {
    assertThat(w.guard.requireChannel(bob.id(), room.id(), ChannelExpectation.ROOM).channel())
        .isEqualTo(room);
    for (Channel notARoom : List.of(voiceRoom, privateText, dm)) {
      assertThatThrownBy(
              () -> w.guard.requireChannel(alice.id(), notARoom.id(), ChannelExpectation.ROOM))
          .as(notARoom.name())
          .isInstanceOf(NotFound.class)
          .hasMessage("Room not found");
    }
  }

  @Test
  void aConversationIsAConversationTheCallerTakesPartIn() {
    assertThat(w.guard.requireChannel(bob.id(), dm.id(), ChannelExpectation.CONVERSATION).channel())
        .isEqualTo(dm);
    User eve = w.user("eve");
    assertThatThrownBy(
            () -> w.guard.requireChannel(eve.id(), dm.id(), ChannelExpectation.CONVERSATION))
        .isInstanceOf(NotFound.class)
        .hasMessage("Not a member of this conversation");
    assertThatThrownBy(
            () -> w.guard.requireChannel(alice.id(), room.id(), ChannelExpectation.CONVERSATION))
        .isInstanceOf(NotFound.class)
        .hasMessage("Not a member of this conversation");
  }

  @Test
  void aNamedServerMustBeTheChannelsOwn() {
    long server = privateText.serverId();
    assertThat(
            w.guard
                .requireChannel(alice.id(), privateText.id(), ChannelExpectation.ofServer(server))
                .channel())
        .isEqualTo(privateText);
    assertThatThrownBy(
            () ->
                w.guard.requireChannel(
                    alice.id(), privateText.id(), ChannelExpectation.ofServer(lobby.id())))
        .isInstanceOf(NotFound.class)
        .hasMessage("Channel not found");
    assertThat(ChannelExpectation.ofServer(null)).isEqualTo(ChannelExpectation.ANY);
  }

  @Test
  void historySendsAndSocketsApplyTheExpectation() {
    int publishedBefore = w.published.size();
    assertThatThrownBy(
            () ->
                w.history.read(
                    new ReadHistoryQuery(
                        alice.id(), dm.id(), ChannelExpectation.ROOM, 50, null, null, null, null)))
        .isInstanceOf(NotFound.class)
        .hasMessage("Room not found");
    assertThatThrownBy(
            () ->
                w.send.send(
                    SendMessageCommand.of(
                        alice.id(), room.id(), ChannelExpectation.CONVERSATION, "hi", null)))
        .isInstanceOf(NotFound.class)
        .hasMessage("Not a member of this conversation");
    assertThat(w.published).hasSize(publishedBefore);

    RecordingConnection roomSocket =
        new RecordingConnection(
            bob.id(), new ConnectionScope.SingleChannel(dm.id(), ChannelExpectation.ROOM));
    w.gateway.open(roomSocket);
    assertThatThrownBy(() -> w.gateway.attach(roomSocket))
        .isInstanceOf(NotFound.class)
        .hasMessage("Room not found");
  }
}
