package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageRepository.NonceAlreadyUsed;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MessageRepository} must do; run against the in-memory and JDBC versions. */
public abstract class MessageRepositoryContract {

  protected abstract OutPorts ports();

  private User author;
  private Channel channel;

  @BeforeEach
  void createAChannel() {
    author = user(ports().users());
    channel = textChannel(ports().channels(), server(ports().servers(), author), null);
  }

  @Test
  void appendStoresTheMessageWithSeqOne() {
    Message stored =
        ports()
            .messages()
            .append(new NewMessage(channel.id(), author.id(), "Hello <b>", NOW, null, "n-1"));

    assertThat(stored.id()).isPositive();
    assertThat(stored)
        .isEqualTo(
            new Message(
                stored.id(),
                channel.id(),
                1,
                author.id(),
                "Hello <b>",
                NOW,
                null,
                null,
                null,
                "n-1",
                1));
    assertThat(ports().messages().findById(stored.id())).contains(stored);
    assertThat(ports().channels().findById(channel.id()).orElseThrow().lastSeq()).isEqualTo(1);
  }

  @Test
  void seqCountsUpWithoutGapsIndependentlyPerChannel() {
    Channel dm = conversation(ports().channels(), ChannelKind.DM, author);

    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(post(channel, null).seq());
      if (i < 2) {
        second.add(post(dm, null).seq());
      }
    }

    assertThat(first).containsExactly(1L, 2L, 3L);
    assertThat(second).containsExactly(1L, 2L);
    assertThat(ports().channels().findById(channel.id()).orElseThrow().lastSeq()).isEqualTo(3);
    assertThat(ports().channels().findById(dm.id()).orElseThrow().lastSeq()).isEqualTo(2);
  }

  @Test
  void storesAReply() {
    Message original = post(channel, null);

    Message reply =
        ports()
            .messages()
            .append(new NewMessage(channel.id(), author.id(), "re", NOW, original.id(), null));

    assertThat(reply.replyToId()).isEqualTo(original.id());
    assertThat(ports().messages().findById(reply.id()).orElseThrow().replyToId())
        .isEqualTo(original.id());
  }

  @Test
  void aReusedNonceIsRefusedWithoutConsumingASeq() {
    Message original = post(channel, "retry-me");

    assertThatThrownBy(() -> post(channel, "retry-me")).isInstanceOf(NonceAlreadyUsed.class);
    Channel elsewhere = textChannel(ports().channels(), server(ports().servers(), author), null);
    assertThatThrownBy(() -> post(elsewhere, "retry-me")).isInstanceOf(NonceAlreadyUsed.class);

    assertThat(ports().channels().findById(channel.id()).orElseThrow().lastSeq()).isEqualTo(1);
    assertThat(ports().channels().findById(elsewhere.id()).orElseThrow().lastSeq()).isZero();
    assertThat(post(channel, "fresh").seq()).isEqualTo(2);
    assertThat(ports().messages().findByNonce(author.id(), "retry-me")).contains(original);
  }

  @Test
  void theSameNonceByAnotherAuthorIsFine() {
    User other = user(ports().users());
    Message mine = post(channel, "shared");

    Message theirs =
        ports()
            .messages()
            .append(new NewMessage(channel.id(), other.id(), "x", NOW, null, "shared"));

    assertThat(theirs.seq()).isEqualTo(2);
    assertThat(ports().messages().findByNonce(author.id(), "shared")).contains(mine);
    assertThat(ports().messages().findByNonce(other.id(), "shared")).contains(theirs);
  }

  @Test
  void messagesWithoutNonceNeverConflict() {
    post(channel, null);
    post(channel, null);

    assertThat(post(channel, null).seq()).isEqualTo(3);
    assertThat(post(channel, null).nonce()).isNull();
  }

  @Test
  void unknownMessagesAreEmpty() {
    post(channel, "known");

    assertThat(ports().messages().findById(987_654_321L)).isEmpty();
    assertThat(ports().messages().findByNonce(author.id(), "unknown")).isEmpty();
    assertThat(ports().messages().findByNonce(user(ports().users()).id(), "known")).isEmpty();
  }

  @Test
  void appendingToAMissingChannelFails() {
    assertThatThrownBy(
            () ->
                ports()
                    .messages()
                    .append(new NewMessage(987_654_321L, author.id(), "lost", NOW, null, null)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void editReplacesTheTextAndSetsEditedAt() {
    Message original = post(channel, "to-edit");
    Message reply =
        ports()
            .messages()
            .append(new NewMessage(channel.id(), author.id(), "typo", NOW, original.id(), null));

    Message edited = ports().messages().edit(reply.id(), "fixed", NOW.plusSeconds(60));

    assertThat(edited)
        .isEqualTo(
            new Message(
                reply.id(),
                channel.id(),
                2,
                author.id(),
                "fixed",
                NOW,
                NOW.plusSeconds(60),
                null,
                original.id(),
                null,
                2));
    assertThat(edited.isEdited()).isTrue();
    assertThat(ports().messages().findById(reply.id())).contains(edited);
    assertThat(ports().messages().findById(original.id())).contains(original);
    assertThat(ports().messages().page(channel.id(), new Page.Newest(10, 0)))
        .containsExactly(original, edited);
    assertThat(ports().channels().findById(channel.id()).orElseThrow().lastSeq()).isEqualTo(2);
  }

  @Test
  void markDeletedErasesTheTextButKeepsTheMessagesPlace() {
    Message first = post(channel, null);
    Message doomed = post(channel, "doomed");
    Message last = post(channel, null);

    Message deleted = ports().messages().markDeleted(doomed.id(), NOW.plusSeconds(90));

    assertThat(deleted)
        .isEqualTo(
            new Message(
                doomed.id(),
                channel.id(),
                2,
                author.id(),
                "",
                NOW,
                null,
                NOW.plusSeconds(90),
                null,
                "doomed",
                2));
    assertThat(deleted.isDeleted()).isTrue();
    assertThat(ports().messages().findById(doomed.id())).contains(deleted);
    assertThat(ports().messages().page(channel.id(), new Page.Newest(10, 0)))
        .containsExactly(first, deleted, last);
    assertThat(ports().messages().page(channel.id(), new Page.AfterSeq(10, 1)))
        .containsExactly(deleted, last);
    assertThat(post(channel, null).seq()).isEqualTo(4);
  }

  @Test
  void deletingAnEditedMessageKeepsWhenItWasEdited() {
    Message message = post(channel, null);
    ports().messages().edit(message.id(), "second thoughts", NOW.plusSeconds(1));

    Message deleted = ports().messages().markDeleted(message.id(), NOW.plusSeconds(2));

    assertThat(deleted.content()).isEmpty();
    assertThat(deleted.editedAt()).isEqualTo(NOW.plusSeconds(1));
    assertThat(deleted.deletedAt()).isEqualTo(NOW.plusSeconds(2));
    assertThat(ports().messages().findById(message.id())).contains(deleted);
  }

  @Test
  void editingOrDeletingAMissingMessageFails() {
    assertThatThrownBy(() -> ports().messages().edit(987_654_321L, "ghost", NOW))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ports().messages().markDeleted(987_654_321L, NOW))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void newestPagesSkipFromTheNewestEndAndReadOldestFirst() {
    postTen();

    assertThat(seqs(new Page.Newest(3, 0))).containsExactly(8L, 9L, 10L);
    assertThat(seqs(new Page.Newest(3, 2))).containsExactly(6L, 7L, 8L);
    assertThat(seqs(new Page.Newest(5, 8))).containsExactly(1L, 2L);
    assertThat(seqs(new Page.Newest(50, 0))).containsExactlyElementsOf(range(1, 10));
    assertThat(seqs(new Page.Newest(3, 10))).isEmpty();
  }

  @Test
  void beforeSeqPagesReadTheNewestBelowTheCursorOldestFirst() {
    postTen();

    assertThat(seqs(new Page.BeforeSeq(3, 5))).containsExactly(2L, 3L, 4L);
    assertThat(seqs(new Page.BeforeSeq(10, 3))).containsExactly(1L, 2L);
    assertThat(seqs(new Page.BeforeSeq(2, 11))).containsExactly(9L, 10L);
    assertThat(seqs(new Page.BeforeSeq(3, 1))).isEmpty();
  }

  @Test
  void afterSeqPagesReadTheOldestAboveTheCursor() {
    postTen();

    assertThat(seqs(new Page.AfterSeq(3, 0))).containsExactly(1L, 2L, 3L);
    assertThat(seqs(new Page.AfterSeq(3, 5))).containsExactly(6L, 7L, 8L);
    assertThat(seqs(new Page.AfterSeq(3, 9))).containsExactly(10L);
    assertThat(seqs(new Page.AfterSeq(3, 10))).isEmpty();
  }

  @Test
  void pagesHoldWholeMessagesOfTheirChannelOnly() {
    Channel other = conversation(ports().channels(), ChannelKind.DM, author);
    Message a = post(channel, null);
    post(other, null);
    Message b = post(channel, "b");

    assertThat(ports().messages().page(channel.id(), new Page.Newest(10, 0))).containsExactly(a, b);
    assertThat(ports().messages().page(channel.id(), new Page.AfterSeq(10, 0)))
        .containsExactly(a, b);
    assertThat(ports().messages().page(channel.id(), new Page.BeforeSeq(10, 3)))
        .containsExactly(a, b);
    Channel empty = conversation(ports().channels(), ChannelKind.GROUP, author);
    assertThat(ports().messages().page(empty.id(), new Page.Newest(10, 0))).isEmpty();
  }

  @Test
  void concurrentAppendsGetEverySeqExactlyOnce() throws Exception {
    int threads = 8;
    int perThread = 25;
    List<Long> seqs =
        runConcurrently(
            threads,
            () -> {
              List<Long> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                mine.add(post(channel, null).seq());
              }
              return mine;
            });

    int total = threads * perThread;
    assertThat(seqs).hasSize(total).containsExactlyInAnyOrderElementsOf(range(1, total));
    assertThat(ports().channels().findById(channel.id()).orElseThrow().lastSeq()).isEqualTo(total);
    assertThat(seqs(new Page.AfterSeq(total, 0))).containsExactlyElementsOf(range(1, total));
  }

  @Test
  void concurrentSendsWithOneNonceStoreOneMessage() throws Exception {
    List<Long> stored =
        runConcurrently(
            8,
            () -> {
              try {
                return List.of(post(channel, "once").seq());
              } catch (NonceAlreadyUsed e) {
                return List.of();
              }
            });

    assertThat(stored).containsExactly(1L);
    assertThat(ports().channels().findById(channel.id()).orElseThrow().lastSeq()).isEqualTo(1);
  }

  private List<Long> runConcurrently(int threads, Callable<List<Long>> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return work.call();
                }));
      }
      start.countDown();
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> future : futures) {
        all.addAll(future.get(60, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private void postTen() {
    for (int i = 0; i < 10; i++) {
      post(channel, null);
    }
  }

  private Message post(Channel target, String nonce) {
    return ports()
        .messages()
        .append(new NewMessage(target.id(), author.id(), "message", NOW, null, nonce));
  }

  private List<Long> seqs(Page page) {
    return ports().messages().page(channel.id(), page).stream().map(Message::seq).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }
}
