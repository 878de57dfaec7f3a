package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryUseCase.Entry;
import dev.parley.application.port.in.ResumeUseCase.Cursor;
import dev.parley.application.port.in.SearchMessagesQuery;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.ThreadsUseCase.StartedThread;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.FollowedThread;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.MentionCreated;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.ThreadCreated;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Threads: who starts and reads them, their own order, counts, follows, and every access rule. */
class ThreadServiceTest {
  private final ChatWorld w = new ChatWorld();
  private final User admin = w.user("admin");
  private final User member = w.user("member");
  private final User stranger = w.user("stranger");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(admin.id(), "S", null, null));
  private final Channel channel =
      w.channelServices.create(
          new CreateChannelCommand(
              admin.id(), server.id(), "general", ChannelKind.TEXT, null, null, null));

  ThreadServiceTest() {
    w.memberServices.add(new AddMemberCommand(admin.id(), server.id(), member.id(), null, null));
  }

  private PostedMessage post(User user, long channelId, String text) {
    return w.send.send(SendMessageCommand.of(user.id(), channelId, null, text, null)).posted();
  }

  private MessageThread startOn(User user, PostedMessage parent) {
    return w.threads.start(user.id(), parent.message().id(), null).view().thread();
  }

  @Test
  void aThreadIsStartedOnceAndAnnouncedToTheServer() {
    PostedMessage parent = post(member, channel.id(), "Lunch plans?\nsecond line");

    StartedThread first = w.threads.start(admin.id(), parent.message().id(), null);
    StartedThread again = w.threads.start(member.id(), parent.message().id(), "ignored");

    MessageThread thread = first.view().thread();
    assertThat(first.created()).isTrue();
    assertThat(first.view().following()).isTrue();
    assertThat(thread.name()).isEqualTo("Lunch plans?");
    assertThat(thread.parentChannelId()).isEqualTo(channel.id());
    assertThat(thread.serverId()).isEqualTo(server.id());
    assertThat(again.created()).isFalse();
    assertThat(again.view().thread().id()).isEqualTo(thread.id());
    assertThat(again.view().following()).as("the parent's author follows").isTrue();
    assertThat(w.published.stream().filter(ThreadCreated.class::isInstance))
        .containsExactly(new ThreadCreated(thread));
    assertThat(w.channelServices.list(member.id(), server.id()))
        .extracting(Channel::id)
        .containsExactly(channel.id());
  }

  @Test
  void repliesHaveTheirOwnSeqAndStayOutOfTheParentsHistory() {
    PostedMessage parent = post(member, channel.id(), "parent");
    MessageThread thread = startOn(member, parent);

    PostedMessage one = post(admin, thread.id(), "one");
    PostedMessage two = post(member, thread.id(), "two");
    post(member, channel.id(), "after, in the channel");

    assertThat(List.of(one.message().seq(), two.message().seq())).containsExactly(1L, 2L);
    List<Entry> channelPage =
        w.history.readWithReactions(ReadHistoryQuery.newest(member.id(), channel.id(), 50));
    assertThat(channelPage)
        .extracting(e -> e.posted().message().content())
        .containsExactly("parent", "after, in the channel");
    MessageThread summary = channelPage.get(0).thread();
    assertThat(summary.id()).isEqualTo(thread.id());
    assertThat(summary.replies()).isEqualTo(2);
    assertThat(summary.lastReplyAt()).isEqualTo(two.message().createdAt());
    assertThat(channelPage.get(1).thread()).isNull();
    assertThat(w.history.read(ReadHistoryQuery.newest(member.id(), thread.id(), 50)))
        .extracting(p -> p.message().content())
        .containsExactly("one", "two");
  }

  @Test
  void aConversationsThreadIsItsParticipantsAlone() {
    Channel dm =
        w.conversations
            .create(
                new CreateConversationCommand(
                    member.id(), null, null, false, List.of(stranger.id())))
            .channel();
    PostedMessage inDm = post(member, dm.id(), "psst");
    var strangerSocket = w.connect(stranger);
    var adminSocket = w.connect(admin);

    MessageThread thread = startOn(stranger, inDm);
    PostedMessage reply = post(member, thread.id(), "about that");

    assertThat(thread.serverId()).isNull();
    assertThat(thread.parentChannelId()).isEqualTo(dm.id());
    assertThat(w.published)
        .contains(new ThreadCreated(thread, List.of(member.id(), stranger.id())));
    assertThat(strangerSocket.received)
        .as("the other participant follows the new thread live")
        .anyMatch(e -> e instanceof MessageCreated m && m.posted().equals(reply));
    assertThat(adminSocket.received)
        .noneMatch(e -> e instanceof MessageCreated m && m.posted().equals(reply));
    var lateSocket = w.connect(member);
    PostedMessage later = post(stranger, thread.id(), "connected after the thread began");
    assertThat(lateSocket.received)
        .as("a connection opened later follows the thread from the start")
        .anyMatch(e -> e instanceof MessageCreated m && m.posted().equals(later));
    assertThat(w.threads.get(member.id(), thread.id()).following()).isTrue();
    assertThatThrownBy(() -> w.threads.get(admin.id(), thread.id())).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> post(admin, thread.id(), "let me in")).isInstanceOf(NotFound.class);
    assertThat(w.search.search(SearchMessagesQuery.everywhere(member.id(), "connected", 10)).hits())
        .extracting(h -> h.posted().message().id())
        .containsExactly(later.message().id());
    assertThat(w.search.search(SearchMessagesQuery.everywhere(admin.id(), "connected", 10)).hits())
        .isEmpty();
    assertThat(w.threads.followed(stranger.id(), null))
        .extracting(f -> f.thread().id())
        .containsExactly(thread.id());
    assertThat(w.threads.inChannel(member.id(), dm.id(), ChannelExpectation.CONVERSATION, null))
        .extracting(v -> v.thread().id())
        .containsExactly(thread.id());
    // Threads are for the native surface: seed 002's conversation routes do not take one.
    assertThatThrownBy(
            () ->
                w.history.read(
                    ReadHistoryQuery.page(
                        member.id(),
                        thread.id(),
                        ChannelExpectation.CONVERSATION,
                        10,
                        new ReadHistoryQuery.Cursor(null, null, null, null))))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void threadsAreRefusedInsideThreadsAndToTheSilenced() {
    PostedMessage parent = post(member, channel.id(), "parent");
    MessageThread thread = startOn(member, parent);
    PostedMessage reply = post(member, thread.id(), "reply");

    assertThatThrownBy(() -> startOn(member, reply))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("inside a thread");

    w.moderation.timeout(
        new MemberAction(admin.id(), server.id(), member.id()), Duration.ofMinutes(5));
    PostedMessage other = post(admin, channel.id(), "other");
    assertThatThrownBy(() -> startOn(member, other)).isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> post(member, thread.id(), "while silenced"))
        .isInstanceOf(PermissionDenied.class);
  }

  @Test
  void outsidersSeeNoThreadAndLoseThemWithTheServer() {
    PostedMessage parent = post(member, channel.id(), "secret");
    MessageThread thread = startOn(member, parent);
    post(admin, thread.id(), "deep secret");

    assertThatThrownBy(() -> startOn(stranger, parent))
        .isInstanceOf(NotFound.class)
        .hasMessage("Message not found");
    assertThatThrownBy(() -> w.threads.get(stranger.id(), thread.id()))
        .isInstanceOf(NotFound.class)
        .hasMessage("Thread not found");
    assertThatThrownBy(() -> w.threads.get(member.id(), channel.id()))
        .as("a plain channel is not a thread")
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> post(stranger, thread.id(), "let me in")).isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> w.history.read(ReadHistoryQuery.newest(stranger.id(), thread.id(), 10)))
        .isInstanceOf(NotFound.class);
    assertThat(w.search.search(SearchMessagesQuery.everywhere(stranger.id(), "deep", 10)).hits())
        .isEmpty();
    assertThat(w.resume.resume(stranger.id(), Map.of(thread.id(), Cursor.ofSeq(0))).unknown())
        .containsExactly(thread.id());

    assertThat(w.threads.followed(member.id(), null)).hasSize(1);
    w.memberServices.remove(member.id(), server.id(), member.id());
    assertThat(w.threads.followed(member.id(), null)).isEmpty();
    assertThatThrownBy(() -> w.threads.get(member.id(), thread.id())).isInstanceOf(NotFound.class);
  }

  @Test
  void searchMentionsAndResumeWorkInThreads() {
    PostedMessage parent = post(member, channel.id(), "parent");
    MessageThread thread = startOn(admin, parent);
    PostedMessage mention = post(admin, thread.id(), "needle for @" + member.username().value());

    assertThat(w.search.search(SearchMessagesQuery.everywhere(member.id(), "needle", 10)).hits())
        .extracting(h -> h.posted().message().id())
        .containsExactly(mention.message().id());
    assertThat(w.published)
        .filteredOn(MentionCreated.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((MentionCreated) e).mentionedUserId()).isEqualTo(member.id()));
    assertThat(
            w.resume
                .resume(member.id(), Map.of(thread.id(), Cursor.ofSeq(0)))
                .replays()
                .get(0)
                .events())
        .extracting(e -> ((MessageCreated) e).posted())
        .containsExactly(mention);
  }

  @Test
  void repliersFollowAndAnUnfollowSticks() {
    PostedMessage parent = post(admin, channel.id(), "parent");
    MessageThread thread = startOn(admin, parent);
    assertThat(w.threads.get(member.id(), thread.id()).following()).isFalse();

    post(member, thread.id(), "I reply, so I follow");
    assertThat(w.threads.get(member.id(), thread.id()).following()).isTrue();
    w.readStates.markRead(member.id(), thread.id(), null);
    post(admin, thread.id(), "unread for member");

    List<FollowedThread> followed = w.threads.followed(member.id(), 10);
    assertThat(followed)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.thread().id()).isEqualTo(thread.id());
              assertThat(f.thread().lastSeq() - f.lastReadSeq()).isEqualTo(1);
            });

    w.threads.follow(member.id(), thread.id(), false);
    post(member, thread.id(), "replying again does not follow again");
    assertThat(w.threads.get(member.id(), thread.id()).following()).isFalse();
    assertThat(w.threads.followed(member.id(), null)).isEmpty();
    assertThat(
            w.threads.inChannel(
                member.id(), channel.id(), ChannelExpectation.ofServer(server.id()), null))
        .singleElement()
        .satisfies(v -> assertThat(v.following()).isFalse());
    assertThatThrownBy(() -> w.threads.followed(member.id(), 0))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("limit");
  }

  @Test
  void aThreadIsNotManagedAsAChannel() {
    MessageThread thread = startOn(member, post(member, channel.id(), "parent"));

    assertThatThrownBy(() -> w.moderation.deleteChannel(admin.id(), server.id(), thread.id()))
        .isInstanceOf(NotFound.class);
    w.moderation.deleteChannel(admin.id(), server.id(), channel.id());
    assertThatThrownBy(() -> w.threads.get(member.id(), thread.id())).isInstanceOf(NotFound.class);
  }
}
