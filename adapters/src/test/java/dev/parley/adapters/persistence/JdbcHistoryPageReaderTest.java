package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.port.out.AttachmentRepository.NewAttachment;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.HistoryPageReader.LoadedPage;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.application.port.out.ReactionRepository.Bounds;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The one-round-trip history page gives what the four repositories would each say. */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcHistoryPageReaderTest implements TestPropertyProvider {
  @Inject JdbcHistoryPageReader reader;
  @Inject JdbcUserRepository users;
  @Inject JdbcChannelRepository channels;
  @Inject JdbcMessageRepository messages;
  @Inject JdbcAttachmentRepository attachments;
  @Inject JdbcReactionRepository reactions;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private final List<Message> sent = new ArrayList<>();
  private Channel channel;
  private User alice;
  private User bob;

  private User user() {
    return users.create(
        new NewUser(
            new Username("hp" + UUID.randomUUID().toString().substring(0, 8)),
            null,
            null,
            "h",
            now));
  }

  @BeforeAll
  void aChannelWithHistory() {
    alice = user();
    bob = user();
    channel =
        channels.create(
            new NewChannel(null, ChannelKind.GROUP, "g", null, null, null, alice.id(), now));
    for (int i = 1; i <= 12; i++) {
      User author = i % 3 == 0 ? bob : alice;
      sent.add(
          messages.append(new NewMessage(channel.id(), author.id(), "m" + i, now, null, null)));
    }
    for (int i : new int[] {4, 9}) {
      Attachment file =
          attachments
              .saveWithinQuota(
                  new NewAttachment(
                      channel.id(),
                      alice.id(),
                      "f" + i + ".txt",
                      "text/plain",
                      2,
                      "0".repeat(64),
                      UUID.randomUUID().toString(),
                      now),
                  Long.MAX_VALUE)
              .orElseThrow();
      attachments.attachToMessage(List.of(file.id()), sent.get(i - 1).id());
    }
    Bounds bounds = new Bounds(20, 10);
    reactions.add(sent.get(8).id(), alice.id(), "👍", now, bounds);
    reactions.add(sent.get(8).id(), bob.id(), "👍", now.plusMillis(1), bounds);
    reactions.add(sent.get(10).id(), bob.id(), ":party:", now, bounds);
    messages.markDeleted(sent.get(3).id(), now);
  }

  private void assertSameAsTheRepositories(Page page) {
    LoadedPage loaded = reader.read(channel.id(), page);
    List<Message> expected = messages.page(channel.id(), page);
    assertThat(loaded.messages()).isEqualTo(expected);
    List<Long> ids = expected.stream().map(Message::id).toList();
    assertThat(loaded.reactions()).isEqualTo(reactions.forMessages(ids));
    for (Message m : expected) {
      assertThat(loaded.authorNames().get(m.authorId()))
          .isEqualTo(users.findById(m.authorId()).orElseThrow().username().value());
      List<Attachment> files = attachments.findByMessageIds(List.of(m.id()));
      assertThat(loaded.attachments().getOrDefault(m.id(), List.of()))
          .isEqualTo(m.isDeleted() ? List.of() : files);
    }
  }

  @Test
  void everyKindOfPageMatchesTheRepositories() {
    assertSameAsTheRepositories(new Page.Newest(5, 0));
    assertSameAsTheRepositories(new Page.Newest(5, 3));
    assertSameAsTheRepositories(new Page.Newest(50, 0));
    assertSameAsTheRepositories(new Page.BeforeSeq(6, 10));
    assertSameAsTheRepositories(new Page.AfterSeq(6, 2));
    assertSameAsTheRepositories(new Page.AfterSeq(6, 12));
  }

  @Test
  void aPageCarriesNamesFilesAndReactions() {
    LoadedPage loaded = reader.read(channel.id(), new Page.Newest(50, 0));
    assertThat(loaded.messages()).extracting(Message::seq).startsWith(1L, 2L).hasSize(12);
    assertThat(loaded.authorNames()).containsOnlyKeys(alice.id(), bob.id());
    // Message 4 was deleted: its file is no longer shown; message 9 keeps its file.
    assertThat(loaded.attachments()).containsOnlyKeys(sent.get(8).id());
    assertThat(loaded.reactions().get(sent.get(8).id()))
        .singleElement()
        .satisfies(r -> assertThat(r.userIds()).containsExactly(alice.id(), bob.id()));
    assertThat(loaded.reactions()).containsKey(sent.get(10).id());
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
