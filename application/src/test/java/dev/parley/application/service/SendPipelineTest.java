package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Pipelined sends: the caller hands a send over and goes on while it commits; per channel, sends
 * are announced in the order they were handed over whatever order their commits answer in, and a
 * send that is not batched (mentions, files) waits for the pipelined sends before it.
 */
class SendPipelineTest {
  private final ChatWorld w = new ChatWorld();
  private final User alice = w.user("alice");
  private final User bob = w.user("bob");
  private final Channel channel = w.channelOf(alice, bob);
  private final HeldAppends held = new HeldAppends(w.messages);
  private final SendMessageService send =
      new SendMessageService(
          w.guard,
          held,
          w.users,
          w.readStateRepository,
          w.attachments,
          new DirectTransactions(),
          w.threadRepository,
          w.publisher,
          w.clock,
          Runnable::run);

  /**
   * Stores each message at once (its seq is taken, as a queued batch's would be) but answers the
   * pipelined append only when the test says it committed.
   */
  private static final class HeldAppends implements MessageRepository {
    private final MessageRepository store;
    final List<CompletableFuture<Message>> commits = new ArrayList<>();
    final List<Message> stored = new ArrayList<>();

    HeldAppends(MessageRepository store) {
      this.store = store;
    }

    @Override
    public CompletableFuture<Message> appendLater(NewMessage message) {
      stored.add(store.append(message));
      CompletableFuture<Message> commit = new CompletableFuture<>();
      commits.add(commit);
      return commit;
    }

    void commit(int index) {
      commits.get(index).complete(stored.get(index));
    }

    @Override
    public Message append(NewMessage message) {
      return store.append(message);
    }

    @Override
    public Optional<Message> findById(long id) {
      return store.findById(id);
    }

    @Override
    public Message edit(long messageId, String content, Instant editedAt) {
      return store.edit(messageId, content, editedAt);
    }

    @Override
    public Message markDeleted(long messageId, Instant deletedAt) {
      return store.markDeleted(messageId, deletedAt);
    }

    @Override
    public Optional<Message> findByNonce(long authorId, String nonce) {
      return store.findByNonce(authorId, nonce);
    }

    @Override
    public List<Message> page(long channelId, Page page) {
      return store.page(channelId, page);
    }
  }

  private SendMessageCommand text(String text) {
    return SendMessageCommand.of(alice.id(), channel.id(), null, text, null);
  }

  private List<Long> announcedSeqs() {
    synchronized (w.published) {
      return w.published.stream()
          .filter(e -> e instanceof MessageCreated)
          .map(e -> ((MessageCreated) e).posted().message().seq())
          .toList();
    }
  }

  @Test
  void sendsOfAChannelAreAnnouncedInTheOrderTheyWereMadeWhateverOrderTheyCommitIn() {
    CompletableFuture<SendResult> first = send.sendPipelined(text("one"));
    CompletableFuture<SendResult> second = send.sendPipelined(text("two"));

    held.commit(1);

    assertThat(second).isNotDone();
    assertThat(announcedSeqs()).isEmpty();

    held.commit(0);

    assertThat(first.join().posted().message().seq()).isEqualTo(1);
    assertThat(second.join().posted().message().seq()).isEqualTo(2);
    assertThat(announcedSeqs()).containsExactly(1L, 2L);
  }

  @Test
  void aFailedSendDoesNotHoldBackTheSendsAfterIt() {
    CompletableFuture<SendResult> first = send.sendPipelined(text("lost"));
    CompletableFuture<SendResult> second = send.sendPipelined(text("kept"));

    held.commits.get(0).completeExceptionally(new IllegalStateException("database away"));
    held.commit(1);

    assertThat(first).isCompletedExceptionally();
    assertThat(second.join().posted().message().seq()).isEqualTo(2);
    assertThat(announcedSeqs()).containsExactly(2L);
  }

  @Test
  void aSendWithAMentionWaitsForThePipelinedSendsBeforeIt() throws Exception {
    CompletableFuture<SendResult> pipelined = send.sendPipelined(text("first"));
    AtomicReference<SendResult> mentioning = new AtomicReference<>();
    Thread sender =
        new Thread(
            () ->
                mentioning.set(
                    send.send(text("then @" + bob.username().value() + ", look at this"))));
    sender.start();

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (sender.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("the mentioning send waits").isLessThan(deadline);
      Thread.sleep(1);
    }
    assertThat(announcedSeqs()).isEmpty();

    held.commit(0);
    sender.join(10_000);

    assertThat(pipelined.join().posted().message().seq()).isEqualTo(1);
    assertThat(mentioning.get().posted().message().seq()).isEqualTo(2);
    assertThat(announcedSeqs()).containsExactly(1L, 2L);
  }
}
