package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.PinRepository;
import dev.parley.application.port.out.PinRepository.Pinned;
import dev.parley.application.port.out.PinRepository.StoredPin;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PinRepository} must do; run against the in-memory and JDBC versions. */
public abstract class PinRepositoryContract {

  protected abstract OutPorts ports();

  private User author;
  private Channel channel;
  private Channel other;

  @BeforeEach
  void createChannels() {
    author = user(ports().users());
    Server server = server(ports().servers(), author);
    channel = textChannel(ports().channels(), server, null);
    other = textChannel(ports().channels(), server, null);
  }

  @Test
  void aMessageIsPinnedOnceAndListedLatestFirst() {
    Message first = post(channel);
    Message second = post(channel);
    post(other);

    assertThat(pin(first, 0)).isEqualTo(Pinned.PINNED);
    assertThat(pin(second, 1)).isEqualTo(Pinned.PINNED);
    assertThat(pin(first, 2)).isEqualTo(Pinned.ALREADY);

    assertThat(ports().pins().inChannel(channel.id()))
        .extracting(p -> p.message().id())
        .containsExactly(second.id(), first.id());
    StoredPin latest = ports().pins().inChannel(channel.id()).get(0);
    assertThat(latest.pinnedBy()).isEqualTo(author.id());
    assertThat(latest.pinnedAt()).isEqualTo(NOW.plusSeconds(1));
    assertThat(latest.message().content()).isEqualTo("hi");
    assertThat(ports().pins().inChannel(other.id())).isEmpty();
  }

  @Test
  void unpinReportsWhetherItWasPinned() {
    Message message = post(channel);
    pin(message, 0);

    assertThat(ports().pins().unpin(message.id())).isTrue();
    assertThat(ports().pins().unpin(message.id())).isFalse();
    assertThat(ports().pins().inChannel(channel.id())).isEmpty();
    assertThat(pin(message, 1)).isEqualTo(Pinned.PINNED);
  }

  @Test
  void aFullChannelRefusesAnotherPinButNotAnotherChannel() {
    pin(post(channel), 0);
    pin(post(channel), 1);

    assertThat(ports().pins().pin(channel.id(), post(channel).id(), author.id(), NOW, 2))
        .isEqualTo(Pinned.FULL);
    assertThat(ports().pins().pin(other.id(), post(other).id(), author.id(), NOW, 2))
        .isEqualTo(Pinned.PINNED);
  }

  @Test
  void deletedMessagesAreNeitherListedNorCounted() {
    Message gone = post(channel);
    Message kept = post(channel);
    pin(gone, 0);
    pin(kept, 1);
    ports().messages().markDeleted(gone.id(), NOW.plusSeconds(2));

    assertThat(ports().pins().inChannel(channel.id()))
        .extracting(p -> p.message().id())
        .containsExactly(kept.id());
    assertThat(ports().pins().pin(channel.id(), post(channel).id(), author.id(), NOW, 2))
        .isEqualTo(Pinned.PINNED);
  }

  private Pinned pin(Message message, int second) {
    return ports()
        .pins()
        .pin(message.channelId(), message.id(), author.id(), NOW.plusSeconds(second), 50);
  }

  private Message post(Channel target) {
    return ports()
        .messages()
        .append(new NewMessage(target.id(), author.id(), "hi", NOW, null, null));
  }
}
