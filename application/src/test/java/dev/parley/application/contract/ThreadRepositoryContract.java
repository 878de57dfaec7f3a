package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.ThreadRepository.NewThread;
import dev.parley.application.port.out.ThreadRepository.Started;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.ChannelState;
import dev.parley.domain.channel.FollowedThread;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.channel.ThreadView;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ThreadRepository} must do; run against the in-memory and JDBC versions. */
public abstract class ThreadRepositoryContract {

  protected abstract OutPorts ports();

  private User owner;
  private User reader;
  private Server server;
  private Channel channel;

  @BeforeEach
  void createChannel() {
    owner = user(ports().users());
    reader = user(ports().users());
    server = server(ports().servers(), owner);
    ports().memberships().add(new Membership(server.id(), owner.id(), Role.ADMIN, NOW));
    ports().memberships().add(new Membership(server.id(), reader.id(), Role.MEMBER, NOW));
    channel = textChannel(ports().channels(), server, null);
  }

  @Test
  void aMessageGetsOneThreadWhichIsAChannelOutsideTheServersList() {
    Message parent = post(channel.id(), "where do we meet?", 0);

    Started first = start(parent, "Meeting");
    Started again = start(parent, "Other name");

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    MessageThread thread = first.thread();
    assertThat(again.thread().id()).isEqualTo(thread.id());
    assertThat(again.thread().name()).isEqualTo("Meeting");
    assertThat(thread.parentChannelId()).isEqualTo(channel.id());
    assertThat(thread.parentMessageId()).isEqualTo(parent.id());
    assertThat(thread.serverId()).isEqualTo(server.id());
    assertThat(thread.createdBy()).isEqualTo(owner.id());
    assertThat(thread.createdAt()).isEqualTo(NOW);
    assertThat(thread.replies()).isZero();
    assertThat(thread.lastReplyAt()).isNull();
    assertThat(ports().threads().findById(thread.id())).contains(thread);
    assertThat(ports().threads().findById(channel.id())).isEmpty();

    Channel asChannel = ports().channels().findById(thread.id()).orElseThrow();
    assertThat(asChannel.kind()).isEqualTo(ChannelKind.THREAD);
    assertThat(asChannel.serverId()).isEqualTo(server.id());
    assertThat(ports().channels().listByServer(server.id()))
        .extracting(Channel::id)
        .containsExactly(channel.id());
    assertThat(ports().threads().channelsOfServer(server.id()))
        .extracting(Channel::id)
        .containsExactly(thread.id());
  }

  @Test
  void repliesHaveTheirOwnSeqAndCountWhileNotDeleted() {
    Message parent = post(channel.id(), "parent", 0);
    MessageThread thread = start(parent, "t").thread();

    Message one = post(thread.id(), "one", 1);
    Message two = post(thread.id(), "two", 2);
    Message three = post(thread.id(), "three", 3);
    ports().messages().markDeleted(three.id(), NOW.plusSeconds(4));

    assertThat(List.of(one.seq(), two.seq(), three.seq())).containsExactly(1L, 2L, 3L);
    MessageThread read = ports().threads().findById(thread.id()).orElseThrow();
    assertThat(read.replies()).isEqualTo(2);
    assertThat(read.lastReplyAt()).isEqualTo(NOW.plusSeconds(2));
    assertThat(read.lastSeq()).isEqualTo(3);
    assertThat(ports().threads().ofMessages(List.of(parent.id(), one.id())))
        .containsOnlyKeys(parent.id());
    assertThat(ports().threads().ofMessages(List.of(parent.id())).get(parent.id()).replies())
        .isEqualTo(2);
    assertThat(ports().channels().findById(channel.id()).orElseThrow().lastSeq()).isEqualTo(1);
  }

  @Test
  void aChannelListsItsThreadsMostRecentlyActiveFirst() {
    MessageThread quiet = start(post(channel.id(), "a", 0), "quiet").thread();
    MessageThread busy = start(post(channel.id(), "b", 0), "busy").thread();
    post(quiet.id(), "late reply", 30);
    ports().threads().followImplicitly(busy.id(), reader.id(), NOW);

    List<ThreadView> listed = ports().threads().inChannel(channel.id(), reader.id(), 10);

    assertThat(listed).extracting(v -> v.thread().id()).containsExactly(quiet.id(), busy.id());
    assertThat(listed).extracting(ThreadView::following).containsExactly(false, true);
    assertThat(ports().threads().inChannel(channel.id(), reader.id(), 1)).hasSize(1);
  }

  @Test
  void anExplicitUnfollowOutlastsImplicitFollows() {
    MessageThread thread = start(post(channel.id(), "p", 0), "t").thread();

    ports().threads().followImplicitly(thread.id(), reader.id(), NOW);
    assertThat(ports().threads().isFollowing(thread.id(), reader.id())).isTrue();

    ports().threads().setFollowing(thread.id(), reader.id(), false, NOW);
    ports().threads().followImplicitly(thread.id(), reader.id(), NOW);
    assertThat(ports().threads().isFollowing(thread.id(), reader.id())).isFalse();

    ports().threads().setFollowing(thread.id(), reader.id(), true, NOW);
    assertThat(ports().threads().isFollowing(thread.id(), reader.id())).isTrue();
    assertThat(ports().threads().isFollowing(thread.id(), owner.id())).isFalse();
  }

  @Test
  void followedThreadsCarryReadPositionAndUnreadMentionsOfMembersOnly() {
    MessageThread thread = start(post(channel.id(), "p", 0), "t").thread();
    Message first = post(thread.id(), "hi @reader", 1);
    Message second = post(thread.id(), "again @reader", 2);
    ports().readStates().addMentions(first.id(), thread.id(), first.seq(), List.of(reader.id()));
    ports().readStates().addMentions(second.id(), thread.id(), second.seq(), List.of(reader.id()));
    ports().readStates().markRead(reader.id(), thread.id(), first.seq(), NOW);
    ports().threads().followImplicitly(thread.id(), reader.id(), NOW);

    List<FollowedThread> followed = ports().threads().followedBy(reader.id(), 10);

    assertThat(followed).hasSize(1);
    assertThat(followed.get(0).thread().id()).isEqualTo(thread.id());
    assertThat(followed.get(0).lastReadSeq()).isEqualTo(1);
    assertThat(followed.get(0).unreadMentions()).isEqualTo(1);
    // However many threads a server has, the read-state list stays its channels'; one thread's
    // state is read on its own.
    assertThat(ports().readStates().statesFor(reader.id()))
        .extracting(ChannelState::channelId)
        .contains(channel.id())
        .doesNotContain(thread.id());
    ChannelState state = ports().readStates().stateOf(reader.id(), thread.id());
    assertThat(state.lastReadSeq()).isEqualTo(1);
    assertThat(state.unread()).isEqualTo(1);
    assertThat(state.mentions()).isEqualTo(1);

    ports().memberships().remove(server.id(), reader.id(), MemberLeft.Reason.LEFT);
    assertThat(ports().threads().followedBy(reader.id(), 10)).isEmpty();
  }

  @Test
  void aConversationsThreadHasNoServerAndIsItsParticipants() {
    Channel dm = Fixtures.conversation(ports().channels(), ChannelKind.DM, owner);
    ports().channels().addParticipants(dm.id(), List.of(owner.id(), reader.id()), NOW);
    Message parent = post(dm.id(), "psst", 0);

    MessageThread thread =
        ports()
            .threads()
            .start(new NewThread(dm.id(), parent.id(), null, "t", owner.id(), NOW))
            .thread();
    ports().threads().followImplicitly(thread.id(), reader.id(), NOW);

    assertThat(thread.serverId()).isNull();
    assertThat(ports().channels().findById(thread.id()).orElseThrow().serverId()).isNull();
    assertThat(ports().channels().isParticipant(thread.id(), reader.id())).isTrue();
    assertThat(ports().channels().isParticipant(thread.id(), user(ports().users()).id())).isFalse();
    assertThat(ports().channels().conversationsOf(reader.id()))
        .extracting(Channel::id)
        .containsExactly(dm.id());
    assertThat(ports().memberships().reachOf(reader.id()).conversationIds())
        .containsExactly(dm.id());
    assertThat(ports().memberships().reachOf(reader.id()).conversationThreadIds())
        .containsExactly(thread.id());
    assertThat(ports().threads().followedBy(reader.id(), 10))
        .extracting(f -> f.thread().id())
        .containsExactly(thread.id());
    assertThat(ports().threads().channelsOfParents(List.of(dm.id(), channel.id())))
        .extracting(Channel::id)
        .containsExactly(thread.id());
    assertThat(ports().threads().channelsOfParents(List.of())).isEmpty();
  }

  @Test
  void aThreadGoesWithItsParentChannel() {
    MessageThread thread = start(post(channel.id(), "p", 0), "t").thread();
    post(thread.id(), "reply", 1);

    ports().channels().delete(channel.id());

    assertThat(ports().threads().findById(thread.id())).isEmpty();
    assertThat(ports().channels().findById(thread.id())).isEmpty();
  }

  private Started start(Message parent, String name) {
    return ports()
        .threads()
        .start(new NewThread(channel.id(), parent.id(), server.id(), name, owner.id(), NOW));
  }

  private Message post(long channelId, String text, int second) {
    return ports()
        .messages()
        .append(new NewMessage(channelId, owner.id(), text, NOW.plusSeconds(second), null, null));
  }
}
