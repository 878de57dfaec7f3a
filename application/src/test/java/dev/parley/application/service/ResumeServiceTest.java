package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.ResumeUseCase.Cursor;
import dev.parley.application.port.in.ResumeUseCase.Replay;
import dev.parley.application.port.in.ResumeUseCase.Result;
import dev.parley.application.port.in.ResumeUseCase.Resync;
import dev.parley.application.port.in.ResumeUseCase.ResyncReason;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.event.ChannelChange;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Resume replays every change of the change log after the client's cursor, exactly once. */
class ResumeServiceTest {
  private final ChatWorld w = new ChatWorld();
  private final User alice = w.user("alice");
  private final User bob = w.user("bob");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(alice.id(), "S", null, null));
  private final Channel channel =
      w.channelServices.create(
          new CreateChannelCommand(
              alice.id(), server.id(), "general", ChannelKind.TEXT, null, null, null));

  ResumeServiceTest() {
    w.memberServices.add(new AddMemberCommand(alice.id(), server.id(), bob.id(), null, null));
  }

  private PostedMessage post(User user, String text) {
    return w.send.send(SendMessageCommand.of(user.id(), channel.id(), null, text, null)).posted();
  }

  private void edit(User user, PostedMessage message, String text) {
    w.actions.edit(
        new EditMessageCommand(user.id(), message.message().id(), new MessageText(text), null));
  }

  private void react(User user, PostedMessage message, String emoji) {
    w.actions.react(
        new ReactCommand(user.id(), message.message().id(), emoji, ReactCommand.Mode.ADD, null));
  }

  private Result resume(User user, Cursor cursor) {
    return w.resume.resume(user.id(), Map.of(channel.id(), cursor));
  }

  /** The live events of the channel after a position, as a connection that stayed saw them. */
  private List<ChatEvent> liveAfter(long pos) {
    return w.published.stream()
        .filter(e -> e instanceof ChannelChange c && c.channelId() == channel.id() && c.pos() > pos)
        .toList();
  }

  @Test
  void editsDeletesAndReactionsMadeWhileAwayAreReplayedInOrderAsTheyWereAnnounced() {
    PostedMessage first = post(alice, "first");
    PostedMessage second = post(alice, "second");
    long seen = second.message().pos();

    edit(alice, first, "first, fixed");
    react(bob, second, "👍");
    react(alice, first, "🎉");
    w.actions.delete(alice.id(), second.message().id(), null);

    Result result = resume(bob, new Cursor(second.message().seq(), seen));

    assertThat(result.resyncs()).isEmpty();
    Replay replay = result.replays().get(0);
    assertThat(replay.events()).isEqualTo(liveAfter(seen)).hasSize(4);
    assertThat(replay.events())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("MessageEdited", "ReactionChanged", "ReactionChanged", "MessageDeleted");
    assertThat(replay.lastPos()).isEqualTo(seen + 4);
    assertThat(replay.lastSeq()).isEqualTo(2);

    Result again = resume(bob, new Cursor(replay.lastSeq(), replay.lastPos()));
    assertThat(again.replays().get(0).events()).isEmpty();
  }

  @Test
  void aMessageCreatedWhileAwayIsShownAsItIsNowWithItsEditsFoldedIn() {
    PostedMessage seen = post(alice, "seen");
    PostedMessage missed = post(alice, "draft");
    edit(alice, missed, "final");
    react(bob, missed, "👍");
    PostedMessage gone = post(alice, "oops");
    w.actions.delete(alice.id(), gone.message().id(), null);

    List<ChatEvent> events =
        resume(bob, new Cursor(1, seen.message().pos())).replays().get(0).events();

    assertThat(events).hasSize(3);
    assertThat(events.get(0)).isInstanceOf(MessageCreated.class);
    MessageCreated created = (MessageCreated) events.get(0);
    assertThat(created.posted().message().content()).isEqualTo("final");
    assertThat(created.posted().message().isEdited()).isTrue();
    assertThat(created.pos()).isEqualTo(missed.message().pos());
    assertThat(events.get(1)).isInstanceOf(ReactionChanged.class);
    assertThat(events.get(2)).isInstanceOf(MessageDeleted.class);
    assertThat(((MessageDeleted) events.get(2)).messageId()).isEqualTo(gone.message().id());
    assertThat(((MessageDeleted) events.get(2)).pos()).isEqualTo(gone.message().pos());
  }

  @Test
  void aSeqCursorStartsAtThatMessagesCreation() {
    PostedMessage first = post(alice, "first");
    edit(alice, first, "edited");
    PostedMessage second = post(alice, "second");

    List<ChatEvent> events = resume(bob, Cursor.ofSeq(1)).replays().get(0).events();

    assertThat(events).containsExactly(liveAfter(first.message().pos()).toArray(ChatEvent[]::new));
    assertThat(events.get(0)).isInstanceOf(MessageEdited.class);
    assertThat(((MessageCreated) events.get(1)).posted().message().id())
        .isEqualTo(second.message().id());
  }

  @Test
  void aCursorAheadOfTheChannelIsToldToReloadIt() {
    post(alice, "only");

    for (Cursor ahead : List.of(Cursor.ofSeq(100), new Cursor(1, 100L))) {
      Result result = resume(bob, ahead);
      assertThat(result.replays()).isEmpty();
      assertThat(result.resyncs())
          .containsExactly(
              new Resync(channel.id(), server.id(), 0, 1, 0, 1, ResyncReason.CURSOR_AHEAD));
    }
  }

  @Test
  void aGapLargerThanAReplayCarriesIsAResyncFromTheCursor() {
    ResumeService small =
        new ResumeService(w.guard, w.changeLog, w.messages, w.users, w.attachments, 2, 10);
    PostedMessage first = post(alice, "1");
    post(alice, "2");
    edit(alice, first, "1!");
    post(alice, "3");

    Result result =
        small.resume(bob.id(), Map.of(channel.id(), new Cursor(1, first.message().pos())));

    assertThat(result.resyncs())
        .containsExactly(
            new Resync(channel.id(), server.id(), 1, 3, 1, 4, ResyncReason.GAP_TOO_LARGE));
  }

  @Test
  void concurrentResumesOfOneChannelFromOnePlaceShareOneRead() throws Exception {
    post(alice, "one");
    post(bob, "two");
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ChannelChangeLog slowLog =
        new ChannelChangeLog() {
          @Override
          public long record(long channelId, Change change) {
            return w.changeLog.record(channelId, change);
          }

          @Override
          public List<Entry> after(long channelId, long afterPos, int limit) {
            reads.incrementAndGet();
            inside.countDown();
            await(release);
            return w.changeLog.after(channelId, afterPos, limit);
          }

          @Override
          public long positionOfSeq(long channelId, long seq) {
            return w.changeLog.positionOfSeq(channelId, seq);
          }

          @Override
          public Map<Long, Long> changedSince(Instant since, int limit) {
            return w.changeLog.changedSince(since, limit);
          }
        };
    ResumeService service = new ResumeService(w.guard, slowLog, w.messages, w.users, w.attachments);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Result>> results = new ArrayList<>();
      List<User> resuming = List.of(bob, alice, bob, alice);
      results.add(
          pool.submit(() -> service.resume(bob.id(), Map.of(channel.id(), Cursor.ofSeq(0)))));
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      List<Thread> waiting = new ArrayList<>();
      for (User user : resuming.subList(1, resuming.size())) {
        results.add(
            pool.submit(
                () -> {
                  synchronized (waiting) {
                    waiting.add(Thread.currentThread());
                  }
                  return service.resume(user.id(), Map.of(channel.id(), Cursor.ofSeq(0)));
                }));
      }
      // Released only once the three later resumes wait on the first one's read.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!allWaiting(waiting, 3) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      release.countDown();
      List<ChatEvent> first = results.get(0).get(10, TimeUnit.SECONDS).replays().get(0).events();
      assertThat(first).hasSize(2);
      for (Future<Result> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).replays().get(0).events()).isEqualTo(first);
      }
      assertThat(reads).as("reads of the change log").hasValue(1);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private static boolean allWaiting(List<Thread> threads, int count) {
    synchronized (threads) {
      return threads.size() == count
          && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
