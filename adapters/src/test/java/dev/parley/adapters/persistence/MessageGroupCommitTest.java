package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageRepository.NonceAlreadyUsed;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Group commit on PostgreSQL: messages lined up while no batch runs go into one transaction with
 * consecutive seqs in arrival order per channel, and a message the batch cannot take (a reused
 * nonce, a missing channel) fails alone while the others are stored.
 */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageGroupCommitTest implements TestPropertyProvider {
  @Inject JdbcUserRepository users;
  @Inject JdbcChannelRepository channels;
  @Inject JdbcMessageRepository messages;
  @Inject JdbcOperations jdbc;
  @Inject ConnectionOperations<Connection> connections;

  private final ExecutorService senders = Executors.newFixedThreadPool(8);
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

  @AfterAll
  void stopSenders() {
    senders.shutdownNow();
  }

  private User user() {
    return users.create(
        new NewUser(
            new Username("gc" + UUID.randomUUID().toString().substring(0, 8)),
            null,
            null,
            "h",
            now));
  }

  private Channel dm(User owner) {
    return channels.create(
        new NewChannel(null, ChannelKind.DM, null, null, null, null, owner.id(), now));
  }

  /** What the senders were answered, and how many batches committed whole. */
  private record Outcome(List<CompletableFuture<Message>> answers, long batches) {}

  /** Lines the messages up in a stopped group commit, then starts it: they form one batch. */
  private Outcome oneBatch(List<NewMessage> batch) {
    MessageGroupCommit groupCommit =
        new MessageGroupCommit(jdbc, connections, messages::appendAlone, 64);
    List<CompletableFuture<Message>> answers = new ArrayList<>();
    for (NewMessage m : batch) {
      answers.add(CompletableFuture.supplyAsync(() -> groupCommit.append(m), senders));
      // One at a time, so the queue holds them in this order.
      await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.queued() == answers.size());
    }
    groupCommit.start();
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .join();
    groupCommit.close();
    return new Outcome(answers, groupCommit.batches());
  }

  private NewMessage message(Channel channel, User author, String text, String nonce) {
    return new NewMessage(channel.id(), author.id(), text, now, null, nonce);
  }

  @Test
  void aBatchNumbersEachChannelsMessagesInArrivalOrder() {
    User author = user();
    Channel a = dm(author);
    Channel b = dm(author);
    messages.append(message(a, author, "before", null));

    Outcome outcome =
        oneBatch(
            List.of(
                message(a, author, "a1", null),
                message(b, author, "b1", "n-b1"),
                message(a, author, "a2", null),
                message(b, author, "b2", null),
                message(a, author, "a3", null)));

    assertThat(outcome.batches()).as("one transaction for all five").isEqualTo(1);
    List<Message> stored = outcome.answers().stream().map(CompletableFuture::join).toList();
    assertThat(stored).extracting(Message::content).containsExactly("a1", "b1", "a2", "b2", "a3");
    assertThat(stored).extracting(Message::seq).containsExactly(2L, 1L, 3L, 2L, 4L);
    assertThat(stored.get(1).nonce()).isEqualTo("n-b1");
    for (Message m : stored) {
      assertThat(messages.findById(m.id())).contains(m);
    }
    assertThat(channels.findById(a.id()).orElseThrow().lastSeq()).isEqualTo(4);
    assertThat(channels.findById(b.id()).orElseThrow().lastSeq()).isEqualTo(2);
  }

  @Test
  void aReusedNonceOrAMissingChannelFailsOnlyItsOwnSender() {
    User author = user();
    Channel channel = dm(author);
    Message earlier = messages.append(message(channel, author, "first", "used"));
    List<CompletableFuture<Message>> answers =
        oneBatch(
                List.of(
                    message(channel, author, "fine", null),
                    message(channel, author, "resent", "used"),
                    new NewMessage(987_654_321L, author.id(), "nowhere", now, null, null),
                    message(channel, author, "also fine", "fresh")))
            .answers();

    assertThat(answers.get(0).join().seq()).isEqualTo(earlier.seq() + 1);
    assertThat(answers.get(1))
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(NonceAlreadyUsed.class);
    assertThat(answers.get(2)).isCompletedExceptionally();
    assertThat(answers.get(3).join().seq()).isEqualTo(earlier.seq() + 2);
    assertThat(messages.findByNonce(author.id(), "used")).contains(earlier);
  }

  @Test
  void aMissingChannelFailsAloneAndTheOthersAreStoredOnce() {
    User author = user();
    Channel channel = dm(author);
    Outcome outcome =
        oneBatch(
            List.of(
                message(channel, author, "one", null),
                new NewMessage(987_654_321L, author.id(), "nowhere", now, null, null),
                message(channel, author, "two", null)));

    assertThat(outcome.answers().get(0).join().seq()).isEqualTo(1);
    assertThat(outcome.answers().get(1)).isCompletedExceptionally();
    assertThat(outcome.answers().get(2).join().seq()).isEqualTo(2);
    assertThat(messages.page(channel.id(), new MessageRepository.Page.Newest(10, 0)))
        .as("each stored once")
        .extracting(Message::content)
        .containsExactlyInAnyOrder("one", "two");
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
