package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.ChannelState;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReadStateRepository} must do; run against the in-memory and JDBC versions. */
public abstract class ReadStateRepositoryContract {

  protected abstract OutPorts ports();

  private User me;
  private User other;
  private Server server;
  private Channel channel;

  @BeforeEach
  void joinAServerWithAChannel() {
    me = user(ports().users());
    other = user(ports().users());
    server = server(ports().servers(), other);
    ports().memberships().add(new Membership(server.id(), me.id(), Role.MEMBER, NOW));
    ports().memberships().add(new Membership(server.id(), other.id(), Role.ADMIN, NOW));
    channel = textChannel(ports().channels(), server, null);
  }

  @Test
  void unreadFollowsAppendedMessagesAndTheReadPosition() {
    assertThat(stateOf(me, channel))
        .isEqualTo(new ChannelState(channel.id(), server.id(), 0, 0, 0));

    post(channel);
    post(channel);
    post(channel);
    assertThat(stateOf(me, channel).unread()).isEqualTo(3);

    assertThat(ports().readStates().markRead(me.id(), channel.id(), 2, NOW)).isEqualTo(2);
    assertThat(stateOf(me, channel))
        .isEqualTo(new ChannelState(channel.id(), server.id(), 3, 2, 0));
    assertThat(stateOf(me, channel).unread()).isEqualTo(1);

    post(channel);
    post(channel);
    assertThat(stateOf(me, channel).unread()).isEqualTo(3);

    assertThat(ports().readStates().markRead(me.id(), channel.id(), 5, NOW.plusSeconds(1)))
        .isEqualTo(5);
    assertThat(stateOf(me, channel))
        .isEqualTo(new ChannelState(channel.id(), server.id(), 5, 5, 0));
  }

  @Test
  void theReadPositionNeverMovesBack() {
    for (int i = 0; i < 6; i++) {
      post(channel);
    }

    assertThat(ports().readStates().markRead(me.id(), channel.id(), 4, NOW)).isEqualTo(4);
    assertThat(ports().readStates().markRead(me.id(), channel.id(), 2, NOW.plusSeconds(1)))
        .isEqualTo(4);
    assertThat(ports().readStates().markRead(me.id(), channel.id(), 4, NOW.plusSeconds(2)))
        .isEqualTo(4);

    assertThat(stateOf(me, channel).lastReadSeq()).isEqualTo(4);
    assertThat(ports().readStates().markRead(me.id(), channel.id(), 6, NOW.plusSeconds(3)))
        .isEqualTo(6);
  }

  @Test
  void eachUsersReadPositionIsTheirOwn() {
    post(channel);
    post(channel);
    post(channel);
    Channel second = textChannel(ports().channels(), server, null);
    post(second);

    ports().readStates().markRead(me.id(), channel.id(), 3, NOW);
    ports().readStates().markRead(other.id(), channel.id(), 1, NOW);

    assertThat(stateOf(me, channel).unread()).isZero();
    assertThat(stateOf(other, channel).unread()).isEqualTo(2);
    assertThat(stateOf(me, second).unread()).isEqualTo(1);
    assertThat(stateOf(other, second).unread()).isEqualTo(1);
  }

  @Test
  void mentionsCountOnlyAboveTheReadPosition() {
    Message first = post(channel);
    post(channel);
    Message third = post(channel);
    Message fourth = post(channel);
    ports().readStates().addMentions(first.id(), channel.id(), first.seq(), List.of(me.id()));
    ports()
        .readStates()
        .addMentions(third.id(), channel.id(), third.seq(), List.of(me.id(), other.id()));
    ports().readStates().addMentions(fourth.id(), channel.id(), fourth.seq(), List.of(other.id()));

    assertThat(stateOf(me, channel).mentions()).isEqualTo(2);
    assertThat(stateOf(other, channel).mentions()).isEqualTo(2);

    ports().readStates().markRead(me.id(), channel.id(), 1, NOW);
    assertThat(stateOf(me, channel).mentions()).isEqualTo(1);
    ports().readStates().markRead(me.id(), channel.id(), 3, NOW);
    assertThat(stateOf(me, channel).mentions()).isZero();

    assertThat(stateOf(other, channel).mentions()).isEqualTo(2);
    ports().readStates().markRead(other.id(), channel.id(), 3, NOW);
    assertThat(stateOf(other, channel).mentions()).isEqualTo(1);
  }

  @Test
  void aRepeatedMentionCountsOnce() {
    Message message = post(channel);

    ports()
        .readStates()
        .addMentions(message.id(), channel.id(), message.seq(), List.of(me.id(), me.id()));
    ports().readStates().addMentions(message.id(), channel.id(), message.seq(), List.of(me.id()));
    ports().readStates().addMentions(message.id(), channel.id(), message.seq(), List.of());

    assertThat(stateOf(me, channel).mentions()).isEqualTo(1);
    assertThat(stateOf(other, channel).mentions()).isZero();
  }

  @Test
  void listsTheChannelsOfTheUsersServersAndTheirConversationsOnly() {
    Channel voice =
        ports()
            .channels()
            .create(
                new NewChannel(
                    server.id(), ChannelKind.VOICE, "talk", null, null, null, other.id(), NOW));
    Server notMine = server(ports().servers(), other);
    Channel elsewhere = textChannel(ports().channels(), notMine, null);
    // A server channel is seen through membership only, even if it somehow has participants.
    ports().channels().addParticipants(elsewhere.id(), List.of(me.id()), NOW);
    Channel dm = conversation(ports().channels(), ChannelKind.DM, other);
    ports().channels().addParticipants(dm.id(), List.of(me.id(), other.id()), NOW);
    Channel theirs = conversation(ports().channels(), ChannelKind.GROUP, other);
    ports().channels().addParticipants(theirs.id(), List.of(other.id()), NOW);
    post(dm);
    post(dm);
    post(elsewhere);
    ports().readStates().markRead(me.id(), dm.id(), 1, NOW);

    assertThat(ports().readStates().statesFor(me.id()))
        .containsExactlyInAnyOrder(
            new ChannelState(channel.id(), server.id(), 0, 0, 0),
            new ChannelState(voice.id(), server.id(), 0, 0, 0),
            new ChannelState(dm.id(), null, 2, 1, 0));
    assertThat(ports().readStates().statesFor(user(ports().users()).id())).isEmpty();
  }

  @Test
  void leavingAServerHidesItsChannels() {
    post(channel);
    ports().readStates().markRead(me.id(), channel.id(), 1, NOW);

    ports().memberships().remove(server.id(), me.id(), MemberLeft.Reason.LEFT);

    assertThat(ports().readStates().statesFor(me.id())).isEmpty();
    assertThat(ports().readStates().statesFor(other.id()))
        .containsExactly(new ChannelState(channel.id(), server.id(), 1, 0, 0));
  }

  @Test
  void deletingAChannelOrItsServerRemovesItsState() {
    Channel doomed = textChannel(ports().channels(), server, null);
    Message message = post(doomed);
    ports().readStates().addMentions(message.id(), doomed.id(), message.seq(), List.of(me.id()));
    ports().readStates().markRead(me.id(), doomed.id(), 1, NOW);
    Channel dm = conversation(ports().channels(), ChannelKind.DM, me);
    ports().channels().addParticipants(dm.id(), List.of(me.id(), other.id()), NOW);
    ports().readStates().markRead(me.id(), dm.id(), 0, NOW);

    ports().channels().delete(doomed.id());

    assertThat(ports().readStates().statesFor(me.id()))
        .extracting(ChannelState::channelId)
        .containsExactlyInAnyOrder(channel.id(), dm.id());

    ports().servers().delete(server.id());

    assertThat(ports().readStates().statesFor(me.id()))
        .containsExactly(new ChannelState(dm.id(), null, 0, 0, 0));
    assertThat(ports().readStates().statesFor(other.id()))
        .containsExactly(new ChannelState(dm.id(), null, 0, 0, 0));
  }

  @Test
  void readingOrMentioningInAMissingChannelFails() {
    Message message = post(channel);

    assertThatThrownBy(() -> ports().readStates().markRead(me.id(), 987_654_321L, 1, NOW))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ports().readStates().markRead(987_654_321L, channel.id(), 1, NOW))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> ports().readStates().addMentions(987_654_321L, channel.id(), 1, List.of(me.id())))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                ports()
                    .readStates()
                    .addMentions(message.id(), channel.id(), 1, List.of(987_654_321L)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(stateOf(me, channel))
        .isEqualTo(new ChannelState(channel.id(), server.id(), 1, 0, 0));
  }

  private ChannelState stateOf(User user, Channel target) {
    return ports().readStates().statesFor(user.id()).stream()
        .filter(state -> state.channelId() == target.id())
        .findFirst()
        .orElseThrow(() -> new AssertionError(user.id() + " cannot see " + target.id()));
  }

  private Message post(Channel target) {
    return ports()
        .messages()
        .append(new NewMessage(target.id(), other.id(), "hello", NOW, null, null));
  }
}
