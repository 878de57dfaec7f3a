package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.AttachmentRepository.NewAttachment;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link dev.parley.application.port.out.MessageExport} must do. */
public abstract class MessageExportContract {

  protected abstract OutPorts ports();

  private User alice;
  private User bob;
  private Server server;
  private Channel general;
  private Channel dm;

  @BeforeEach
  void world() {
    alice = user(ports().users());
    bob = user(ports().users());
    server = server(ports().servers(), alice);
    general = textChannel(ports().channels(), server, null);
    dm = conversation(ports().channels(), ChannelKind.DM, alice);
  }

  @Test
  void pagesThroughAnAuthorsMessagesByIdAcrossChannelsAndNoOneElses() {
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      mine.add(post(i % 2 == 0 ? general : dm, alice, "mine " + i).id());
      post(general, bob, "theirs " + i);
    }

    List<Long> read = new ArrayList<>();
    long after = 0;
    List<PostedMessage> page;
    int pages = 0;
    do {
      page = ports().exports().byAuthor(alice.id(), after, 3);
      pages++;
      assertThat(page.size()).isLessThanOrEqualTo(3);
      for (PostedMessage p : page) {
        read.add(p.message().id());
        after = p.message().id();
        assertThat(p.message().authorId()).isEqualTo(alice.id());
        assertThat(p.authorName()).isEqualTo(alice.username().value());
        assertThat(p.serverId())
            .isEqualTo(p.message().channelId() == general.id() ? server.id() : null);
      }
    } while (!page.isEmpty());

    assertThat(read).isEqualTo(mine);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void pagesThroughAChannelBySeqWithFilesButNothingOfDeletedMessages() {
    Message first = post(general, alice, "one");
    Message second = post(general, bob, "two");
    Message third = post(general, alice, "three");
    Attachment file = attach(general, alice, first);
    attach(general, alice, third);
    ports().messages().markDeleted(third.id(), NOW);

    List<PostedMessage> start = ports().exports().inChannel(general.id(), 0, 2);
    List<PostedMessage> rest = ports().exports().inChannel(general.id(), 2, 2);

    assertThat(start).extracting(p -> p.message().id()).containsExactly(first.id(), second.id());
    assertThat(start.get(0).attachments()).extracting(Attachment::id).containsExactly(file.id());
    assertThat(start.get(1).authorName()).isEqualTo(bob.username().value());
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).message().isDeleted()).isTrue();
    assertThat(rest.get(0).attachments()).isEmpty();
    assertThat(ports().exports().inChannel(general.id(), 3, 2)).isEmpty();
    assertThat(ports().exports().inChannel(dm.id(), 0, 2)).isEmpty();
  }

  private Message post(Channel channel, User author, String text) {
    return ports()
        .messages()
        .append(new NewMessage(channel.id(), author.id(), text, NOW, null, null));
  }

  private Attachment attach(Channel channel, User uploader, Message message) {
    Attachment stored =
        ports()
            .attachments()
            .saveWithinQuota(
                new NewAttachment(
                    channel.id(),
                    uploader.id(),
                    "note.txt",
                    "text/plain",
                    5,
                    "0".repeat(64),
                    UUID.randomUUID().toString(),
                    NOW),
                Long.MAX_VALUE)
            .orElseThrow();
    ports().attachments().attachToMessage(List.of(stored.id()), message.id());
    return stored;
  }
}
