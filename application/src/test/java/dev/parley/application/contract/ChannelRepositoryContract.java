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
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ChannelRepository} must do; run against the in-memory and JDBC versions. */
public abstract class ChannelRepositoryContract {

  protected abstract UserRepository users();

  protected abstract ServerRepository servers();

  protected abstract ChannelRepository channels();

  protected abstract MessageRepository messages();

  protected abstract ReactionRepository reactions();

  @Test
  void createsAServerChannelAndFindsItById() {
    User owner = user(users());
    Server server = server(servers(), owner);

    Channel created =
        channels()
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
    assertThat(channels().findById(created.id())).contains(created);
  }

  @Test
  void unknownChannelIsEmpty() {
    assertThat(channels().findById(987_654_321L)).isEmpty();
    assertThat(channels().listByServer(987_654_321L)).isEmpty();
  }

  @Test
  void aMissingPositionGoesAfterTheLastChannelOfThatServer() {
    User owner = user(users());
    Server server = server(servers(), owner);
    Server other = server(servers(), owner);

    Channel first = textChannel(channels(), server, null);
    Channel second = textChannel(channels(), server, null);
    Channel placed = textChannel(channels(), server, 7);
    Channel after = textChannel(channels(), server, null);
    Channel elsewhere = textChannel(channels(), other, null);

    assertThat(first.position()).isZero();
    assertThat(second.position()).isEqualTo(1);
    assertThat(placed.position()).isEqualTo(7);
    assertThat(after.position()).isEqualTo(8);
    assertThat(elsewhere.position()).isZero();
  }

  @Test
  void listsAServersChannelsByPositionThenId() {
    User owner = user(users());
    Server server = server(servers(), owner);
    Server other = server(servers(), owner);
    Channel twoA = textChannel(channels(), server, 2);
    Channel zero = textChannel(channels(), server, 0);
    Channel twoB = textChannel(channels(), server, 2);
    Channel one = textChannel(channels(), server, 1);
    textChannel(channels(), other, 1);
    Channel dm = conversation(channels(), ChannelKind.DM, owner);
    channels().addParticipants(dm.id(), List.of(owner.id()), NOW);

    assertThat(channels().listByServer(server.id())).containsExactly(zero, one, twoA, twoB);
  }

  @Test
  void conversationsHaveNoServerAndStartAtSeqZero() {
    User creator = user(users());

    Channel group =
        channels()
            .create(
                new NewChannel(
                    null, ChannelKind.GROUP, "Friends", null, null, null, creator.id(), NOW));

    assertThat(channels().findById(group.id()))
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
    User a = user(users());
    User b = user(users());
    User c = user(users());
    User outsider = user(users());
    Channel group = conversation(channels(), ChannelKind.GROUP, a);

    channels().addParticipants(group.id(), List.of(b.id(), a.id()), NOW);
    channels().addParticipants(group.id(), List.of(a.id(), c.id()), NOW.plusSeconds(5));
    channels().addParticipants(group.id(), List.of(), NOW);

    assertThat(channels().participantIds(group.id())).containsExactly(a.id(), b.id(), c.id());
    assertThat(channels().isParticipant(group.id(), a.id())).isTrue();
    assertThat(channels().isParticipant(group.id(), c.id())).isTrue();
    assertThat(channels().isParticipant(group.id(), outsider.id())).isFalse();
    assertThat(channels().participantIds(conversation(channels(), ChannelKind.DM, a).id()))
        .isEmpty();
  }

  @Test
  void listsAUsersConversationsNewestFirst() {
    User me = user(users());
    User friend = user(users());
    Server server = server(servers(), me);
    Channel olderDm = conversation(channels(), ChannelKind.DM, me);
    Channel notMine = conversation(channels(), ChannelKind.DM, friend);
    Channel newerGroup = conversation(channels(), ChannelKind.GROUP, friend);
    Channel serverChannel = textChannel(channels(), server, null);
    channels().addParticipants(olderDm.id(), List.of(me.id(), friend.id()), NOW);
    channels().addParticipants(notMine.id(), List.of(friend.id()), NOW);
    channels().addParticipants(newerGroup.id(), List.of(friend.id(), me.id()), NOW);
    // Only DM and GROUP channels count, even if a server channel somehow has participants.
    channels().addParticipants(serverChannel.id(), List.of(me.id()), NOW);

    assertThat(channels().conversationsOf(me.id())).containsExactly(newerGroup, olderDm);
    assertThat(channels().conversationsOf(friend.id()))
        .containsExactly(newerGroup, notMine, olderDm);
    assertThat(channels().conversationsOf(user(users()).id())).isEmpty();
  }

  @Test
  void findsTheDirectConversationOfTwoUsersInEitherOrder() {
    User a = user(users());
    User b = user(users());
    Channel dm = conversation(channels(), ChannelKind.DM, a);
    channels().addParticipants(dm.id(), List.of(a.id(), b.id()), NOW);

    assertThat(channels().findDirectConversation(a.id(), b.id())).contains(dm);
    assertThat(channels().findDirectConversation(b.id(), a.id())).contains(dm);
  }

  @Test
  void onlyADmWithExactlyThoseTwoParticipantsMatches() {
    User a = user(users());
    User b = user(users());
    User c = user(users());
    Channel group = conversation(channels(), ChannelKind.GROUP, a);
    channels().addParticipants(group.id(), List.of(a.id(), b.id()), NOW);
    Channel withSomeoneElse = conversation(channels(), ChannelKind.DM, a);
    channels().addParticipants(withSomeoneElse.id(), List.of(a.id(), c.id()), NOW);
    Channel crowded = conversation(channels(), ChannelKind.DM, a);
    channels().addParticipants(crowded.id(), List.of(a.id(), b.id(), c.id()), NOW);
    Channel alone = conversation(channels(), ChannelKind.DM, a);
    channels().addParticipants(alone.id(), List.of(a.id()), NOW);

    assertThat(channels().findDirectConversation(a.id(), b.id())).isEmpty();
    assertThat(channels().findDirectConversation(a.id(), c.id())).contains(withSomeoneElse);
    assertThat(channels().findDirectConversation(b.id(), c.id())).isEmpty();
    assertThat(channels().findDirectConversation(a.id(), 987_654_321L)).isEmpty();
  }

  @Test
  void theOldestOfSeveralDirectConversationsWins() {
    User a = user(users());
    User b = user(users());
    Channel older = conversation(channels(), ChannelKind.DM, a);
    Channel newer = conversation(channels(), ChannelKind.DM, b);
    channels().addParticipants(newer.id(), List.of(b.id(), a.id()), NOW);
    channels().addParticipants(older.id(), List.of(a.id(), b.id()), NOW);

    assertThat(channels().findDirectConversation(a.id(), b.id())).contains(older);
  }

  @Test
  void updateReplacesNameDescriptionCategoryAndPosition() {
    User owner = user(users());
    Server server = server(servers(), owner);
    Channel moved = textChannel(channels(), server, 0);
    Channel stays = textChannel(channels(), server, 1);
    post(moved, owner);
    post(moved, owner);

    Channel updated =
        channels().update(moved.id(), "renamed", "About", "Games", 5, NOW.plusSeconds(60));

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
    assertThat(channels().findById(moved.id())).contains(updated);
    assertThat(channels().listByServer(server.id())).containsExactly(stays, updated);

    Channel cleared = channels().update(moved.id(), "renamed", null, null, 0, NOW.plusSeconds(90));

    assertThat(cleared.description()).isNull();
    assertThat(cleared.category()).isNull();
    assertThat(channels().findById(moved.id())).contains(cleared);
    assertThat(channels().listByServer(server.id())).containsExactly(cleared, stays);
  }

  @Test
  void updatingAnUnknownChannelFails() {
    assertThatThrownBy(() -> channels().update(987_654_321L, "ghost", null, null, 0, NOW))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void deleteTakesTheChannelsMessagesReactionsAndParticipantsWithIt() {
    User owner = user(users());
    User friend = user(users());
    Server server = server(servers(), owner);
    Channel doomed = textChannel(channels(), server, null);
    Channel kept = textChannel(channels(), server, null);
    Message doomedMessage = post(doomed, owner);
    Message keptMessage = post(kept, owner);
    reactions()
        .add(doomedMessage.id(), owner.id(), "👍", NOW, new ReactionRepository.Bounds(20, 10));
    reactions().add(keptMessage.id(), owner.id(), "👍", NOW, new ReactionRepository.Bounds(20, 10));
    Channel doomedDm = conversation(channels(), ChannelKind.DM, owner);
    Channel keptGroup = conversation(channels(), ChannelKind.GROUP, owner);
    channels().addParticipants(doomedDm.id(), List.of(owner.id(), friend.id()), NOW);
    channels().addParticipants(keptGroup.id(), List.of(owner.id(), friend.id()), NOW);
    Message dmMessage = post(doomedDm, friend);

    channels().delete(doomed.id());
    channels().delete(doomedDm.id());

    assertThat(channels().findById(doomed.id())).isEmpty();
    assertThat(channels().listByServer(server.id()))
        .extracting(Channel::id)
        .containsExactly(kept.id());
    assertThat(messages().findById(doomedMessage.id())).isEmpty();
    assertThat(reactions().count(doomedMessage.id(), "👍")).isZero();
    assertThat(channels().findById(doomedDm.id())).isEmpty();
    assertThat(messages().findById(dmMessage.id())).isEmpty();
    assertThat(channels().participantIds(doomedDm.id())).isEmpty();
    assertThat(channels().isParticipant(doomedDm.id(), friend.id())).isFalse();
    assertThat(channels().findDirectConversation(owner.id(), friend.id())).isEmpty();
    assertThat(channels().conversationsOf(friend.id()))
        .extracting(Channel::id)
        .containsExactly(keptGroup.id());

    assertThat(messages().findById(keptMessage.id())).contains(keptMessage);
    assertThat(reactions().count(keptMessage.id(), "👍")).isEqualTo(1);
    assertThat(channels().participantIds(keptGroup.id())).containsExactly(owner.id(), friend.id());
  }

  @Test
  void deletingAnUnknownChannelDoesNothing() {
    User owner = user(users());
    Channel kept = textChannel(channels(), server(servers(), owner), null);

    channels().delete(987_654_321L);

    assertThat(channels().findById(kept.id())).contains(kept);
  }

  private Message post(Channel channel, User author) {
    return messages().append(new NewMessage(channel.id(), author.id(), "hi", NOW, null, null));
  }
}
