package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ChannelRepository} must do; run against the in-memory and JDBC versions. */
public abstract class ChannelRepositoryContract {

  protected abstract OutPorts ports();

  @Test
  void createsAServerChannelAndFindsItById() {
    User owner = user(ports().users());
    Server server = server(ports().servers(), owner);

    Channel created =
        ports()
            .channels()
            .create(
                new NewChannel(
                    server.id(),
                    ChannelKind.VOICE,
                    "lounge",
                    "Talk here",
                    "Social",
                    3,
                    owner.id(),
                    NOW));

    assertThat(created.id()).isPositive();
    assertThat(created)
        .isEqualTo(
            new Channel(
                created.id(),
                server.id(),
                ChannelKind.VOICE,
                "lounge",
                "Talk here",
                "Social",
                3,
                0,
                0,
                owner.id(),
                NOW,
                NOW));
    assertThat(ports().channels().findById(created.id())).contains(created);
  }

  @Test
  void unknownChannelIsEmpty() {
    assertThat(ports().channels().findById(987_654_321L)).isEmpty();
    assertThat(ports().channels().listByServer(987_654_321L)).isEmpty();
  }

  @Test
  void aMissingPositionGoesAfterTheLastChannelOfThatServer() {
    User owner = user(ports().users());
    Server server = server(ports().servers(), owner);
    Server other = server(ports().servers(), owner);

    Channel first = textChannel(ports().channels(), server, null);
    Channel second = textChannel(ports().channels(), server, null);
    Channel placed = textChannel(ports().channels(), server, 7);
    Channel after = textChannel(ports().channels(), server, null);
    Channel elsewhere = textChannel(ports().channels(), other, null);

    assertThat(first.position()).isZero();
    assertThat(second.position()).isEqualTo(1);
    assertThat(placed.position()).isEqualTo(7);
    assertThat(after.position()).isEqualTo(8);
    assertThat(elsewhere.position()).isZero();
  }

  @Test
  void listsAServersChannelsByPositionThenId() {
    User owner = user(ports().users());
    Server server = server(ports().servers(), owner);
    Server other = server(ports().servers(), owner);
    Channel twoA = textChannel(ports().channels(), server, 2);
    Channel zero = textChannel(ports().channels(), server, 0);
    Channel twoB = textChannel(ports().channels(), server, 2);
    Channel one = textChannel(ports().channels(), server, 1);
    textChannel(ports().channels(), other, 1);
    Channel dm = conversation(ports().channels(), ChannelKind.DM, owner);
    ports().channels().addParticipants(dm.id(), List.of(owner.id()), NOW);

    assertThat(ports().channels().listByServer(server.id())).containsExactly(zero, one, twoA, twoB);
  }

  @Test
  void conversationsHaveNoServerAndStartAtSeqZero() {
    User creator = user(ports().users());

    Channel group =
        ports()
            .channels()
            .create(
                new NewChannel(
                    null, ChannelKind.GROUP, "Friends", null, null, null, creator.id(), NOW));

    assertThat(ports().channels().findById(group.id()))
        .contains(
            new Channel(
                group.id(),
                null,
                ChannelKind.GROUP,
                "Friends",
                null,
                null,
                0,
                0,
                0,
                creator.id(),
                NOW,
                NOW));
  }

  @Test
  void addsParticipantsIdempotentlyAndListsTheirIdsAscending() {
    User a = user(ports().users());
    User b = user(ports().users());
    User c = user(ports().users());
    User outsider = user(ports().users());
    Channel group = conversation(ports().channels(), ChannelKind.GROUP, a);

    ports().channels().addParticipants(group.id(), List.of(b.id(), a.id()), NOW);
    ports().channels().addParticipants(group.id(), List.of(a.id(), c.id()), NOW.plusSeconds(5));
    ports().channels().addParticipants(group.id(), List.of(), NOW);

    assertThat(ports().channels().participantIds(group.id()))
        .containsExactly(a.id(), b.id(), c.id());
    assertThat(ports().channels().isParticipant(group.id(), a.id())).isTrue();
    assertThat(ports().channels().isParticipant(group.id(), c.id())).isTrue();
    assertThat(ports().channels().isParticipant(group.id(), outsider.id())).isFalse();
    assertThat(
            ports()
                .channels()
                .participantIds(conversation(ports().channels(), ChannelKind.DM, a).id()))
        .isEmpty();
  }

  @Test
  void listsAUsersConversationsNewestFirst() {
    User me = user(ports().users());
    User friend = user(ports().users());
    Server server = server(ports().servers(), me);
    Channel olderDm = conversation(ports().channels(), ChannelKind.DM, me);
    Channel notMine = conversation(ports().channels(), ChannelKind.DM, friend);
    Channel newerGroup = conversation(ports().channels(), ChannelKind.GROUP, friend);
    Channel serverChannel = textChannel(ports().channels(), server, null);
    ports().channels().addParticipants(olderDm.id(), List.of(me.id(), friend.id()), NOW);
    ports().channels().addParticipants(notMine.id(), List.of(friend.id()), NOW);
    ports().channels().addParticipants(newerGroup.id(), List.of(friend.id(), me.id()), NOW);
    // Only DM and GROUP channels count, even if a server channel somehow has participants.
    ports().channels().addParticipants(serverChannel.id(), List.of(me.id()), NOW);

    assertThat(ports().channels().conversationsOf(me.id())).containsExactly(newerGroup, olderDm);
    assertThat(ports().channels().conversationsOf(friend.id()))
        .containsExactly(newerGroup, notMine, olderDm);
    assertThat(ports().channels().conversationsOf(user(ports().users()).id())).isEmpty();
  }

  @Test
  void findsTheDirectConversationOfTwoUsersInEitherOrder() {
    User a = user(ports().users());
    User b = user(ports().users());
    Channel dm = conversation(ports().channels(), ChannelKind.DM, a);
    ports().channels().addParticipants(dm.id(), List.of(a.id(), b.id()), NOW);

    assertThat(ports().channels().findDirectConversation(a.id(), b.id())).contains(dm);
    assertThat(ports().channels().findDirectConversation(b.id(), a.id())).contains(dm);
  }

  @Test
  void onlyADmWithExactlyThoseTwoParticipantsMatches() {
    User a = user(ports().users());
    User b = user(ports().users());
    User c = user(ports().users());
    Channel group = conversation(ports().channels(), ChannelKind.GROUP, a);
    ports().channels().addParticipants(group.id(), List.of(a.id(), b.id()), NOW);
    Channel withSomeoneElse = conversation(ports().channels(), ChannelKind.DM, a);
    ports().channels().addParticipants(withSomeoneElse.id(), List.of(a.id(), c.id()), NOW);
    Channel crowded = conversation(ports().channels(), ChannelKind.DM, a);
    ports().channels().addParticipants(crowded.id(), List.of(a.id(), b.id(), c.id()), NOW);
    Channel alone = conversation(ports().channels(), ChannelKind.DM, a);
    ports().channels().addParticipants(alone.id(), List.of(a.id()), NOW);

    assertThat(ports().channels().findDirectConversation(a.id(), b.id())).isEmpty();
    assertThat(ports().channels().findDirectConversation(a.id(), c.id())).contains(withSomeoneElse);
    assertThat(ports().channels().findDirectConversation(b.id(), c.id())).isEmpty();
    assertThat(ports().channels().findDirectConversation(a.id(), 987_654_321L)).isEmpty();
  }

  @Test
  void theOldestOfSeveralDirectConversationsWins() {
    User a = user(ports().users());
    User b = user(ports().users());
    Channel older = conversation(ports().channels(), ChannelKind.DM, a);
    Channel newer = conversation(ports().channels(), ChannelKind.DM, b);
    ports().channels().addParticipants(newer.id(), List.of(b.id(), a.id()), NOW);
    ports().channels().addParticipants(older.id(), List.of(a.id(), b.id()), NOW);

    assertThat(ports().channels().findDirectConversation(a.id(), b.id())).contains(older);
  }

  @Test
  void updateReplacesNameDescriptionCategoryAndPosition() {
    User owner = user(ports().users());
    Server server = server(ports().servers(), owner);
    Channel moved = textChannel(ports().channels(), server, 0);
    Channel stays = textChannel(ports().channels(), server, 1);
    post(moved, owner);
    post(moved, owner);

    Channel updated =
        ports().channels().update(moved.id(), "renamed", "About", "Games", 5, NOW.plusSeconds(60));

    assertThat(updated)
        .isEqualTo(
            new Channel(
                moved.id(),
                server.id(),
                ChannelKind.TEXT,
                "renamed",
                "About",
                "Games",
                5,
                2,
                2,
                owner.id(),
                NOW,
                NOW.plusSeconds(60)));
    assertThat(ports().channels().findById(moved.id())).contains(updated);
    assertThat(ports().channels().listByServer(server.id())).containsExactly(stays, updated);

    Channel cleared =
        ports().channels().update(moved.id(), "renamed", null, null, 0, NOW.plusSeconds(90));

    assertThat(cleared.description()).isNull();
    assertThat(cleared.category()).isNull();
    assertThat(ports().channels().findById(moved.id())).contains(cleared);
    assertThat(ports().channels().listByServer(server.id())).containsExactly(cleared, stays);
  }

  @Test
  void updatingAnUnknownChannelFails() {
    assertThatThrownBy(() -> ports().channels().update(987_654_321L, "ghost", null, null, 0, NOW))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void deleteTakesTheChannelsMessagesReactionsAndParticipantsWithIt() {
    User owner = user(ports().users());
    User friend = user(ports().users());
    Server server = server(ports().servers(), owner);
    Channel doomed = textChannel(ports().channels(), server, null);
    Channel kept = textChannel(ports().channels(), server, null);
    Message doomedMessage = post(doomed, owner);
    Message keptMessage = post(kept, owner);
    ports()
        .reactions()
        .add(doomedMessage.id(), owner.id(), "👍", NOW, new ReactionRepository.Bounds(20, 10));
    ports()
        .reactions()
        .add(keptMessage.id(), owner.id(), "👍", NOW, new ReactionRepository.Bounds(20, 10));
    Channel doomedDm = conversation(ports().channels(), ChannelKind.DM, owner);
    Channel keptGroup = conversation(ports().channels(), ChannelKind.GROUP, owner);
    ports().channels().addParticipants(doomedDm.id(), List.of(owner.id(), friend.id()), NOW);
    ports().channels().addParticipants(keptGroup.id(), List.of(owner.id(), friend.id()), NOW);
    Message dmMessage = post(doomedDm, friend);

    ports().channels().delete(doomed.id());
    ports().channels().delete(doomedDm.id());

    assertThat(ports().channels().findById(doomed.id())).isEmpty();
    assertThat(ports().channels().listByServer(server.id()))
        .extracting(Channel::id)
        .containsExactly(kept.id());
    assertThat(ports().messages().findById(doomedMessage.id())).isEmpty();
    assertThat(ports().reactions().count(doomedMessage.id(), "👍")).isZero();
    assertThat(ports().channels().findById(doomedDm.id())).isEmpty();
    assertThat(ports().messages().findById(dmMessage.id())).isEmpty();
    assertThat(ports().channels().participantIds(doomedDm.id())).isEmpty();
    assertThat(ports().channels().isParticipant(doomedDm.id(), friend.id())).isFalse();
    assertThat(ports().channels().findDirectConversation(owner.id(), friend.id())).isEmpty();
    assertThat(ports().channels().conversationsOf(friend.id()))
        .extracting(Channel::id)
        .containsExactly(keptGroup.id());

    assertThat(ports().messages().findById(keptMessage.id())).contains(keptMessage);
    assertThat(ports().reactions().count(keptMessage.id(), "👍")).isEqualTo(1);
    assertThat(ports().channels().participantIds(keptGroup.id()))
        .containsExactly(owner.id(), friend.id());
  }

  @Test
  void deletingAnUnknownChannelDoesNothing() {
    User owner = user(ports().users());
    Channel kept = textChannel(ports().channels(), server(ports().servers(), owner), null);

    ports().channels().delete(987_654_321L);

    assertThat(ports().channels().findById(kept.id())).contains(kept);
  }

  private Message post(Channel channel, User author) {
    return ports()
        .messages()
        .append(new NewMessage(channel.id(), author.id(), "hi", NOW, null, null));
  }
}
