package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelChangeLog.Changed;
import dev.parley.application.port.out.ChannelChangeLog.Created;
import dev.parley.application.port.out.ChannelChangeLog.Deleted;
import dev.parley.application.port.out.ChannelChangeLog.Edited;
import dev.parley.application.port.out.ChannelChangeLog.Entry;
import dev.parley.application.port.out.ChannelChangeLog.Reacted;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ChannelChangeLog} must do; run against the in-memory and JDBC versions. */
public abstract class ChannelChangeLogContract {

  protected abstract OutPorts ports();

  private User author;
  private Channel channel;

  @BeforeEach
  void createAChannel() {
    author = user(ports().users());
    channel = textChannel(ports().channels(), server(ports().servers(), author), null);
  }

  private Message post(Channel in, String text, Instant at) {
    return ports().messages().append(new NewMessage(in.id(), author.id(), text, at, null, null));
  }

  @Test
  void messagesAndLaterChangesShareOneGapFreeOrder() {
    Message first = post(channel, "first", NOW);
    long edit =
        ports().changes().record(channel.id(), new Edited(first.id(), author.id(), "first!", NOW));
    Message second = post(channel, "second", NOW);
    long reaction =
        ports()
            .changes()
            .record(channel.id(), new Reacted(second.id(), author.id(), "👍", true, 1, NOW));
    long delete = ports().changes().record(channel.id(), new Deleted(first.id(), author.id(), NOW));

    assertThat(List.of(first.pos(), edit, second.pos(), reaction, delete))
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(second.seq()).isEqualTo(2);
    Channel now = ports().channels().findById(channel.id()).orElseThrow();
    assertThat(now.lastSeq()).isEqualTo(2);
    assertThat(now.lastPos()).isEqualTo(5);

    List<Entry> all = ports().changes().after(channel.id(), 0, 100);
    assertThat(all).extracting(Entry::pos).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(all.get(0)).isInstanceOf(Created.class);
    assertThat(((Created) all.get(0)).message().id()).isEqualTo(first.id());
    assertThat(((Changed) all.get(1)).change())
        .isEqualTo(new Edited(first.id(), author.id(), "first!", NOW));
    assertThat(((Created) all.get(2)).message()).isEqualTo(second);
    assertThat(((Changed) all.get(3)).change())
        .isEqualTo(new Reacted(second.id(), author.id(), "👍", true, 1, NOW));
    assertThat(((Changed) all.get(4)).change())
        .isEqualTo(new Deleted(first.id(), author.id(), NOW));
  }

  @Test
  void afterAnyPositionGivesExactlyTheRestInOrderUpToTheLimit() {
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Message m = post(channel, "m" + i, NOW);
      expected.add(m.pos());
      for (int j = 0; j < i % 3; j++) {
        expected.add(
            ports().changes().record(channel.id(), new Edited(m.id(), author.id(), "e" + j, NOW)));
      }
    }
    assertThat(expected).isEqualTo(LongStream.rangeClosed(1, expected.size()).boxed().toList());
    for (long from = 0; from <= expected.size(); from++) {
      assertThat(ports().changes().after(channel.id(), from, 100))
          .extracting(Entry::pos)
          .isEqualTo(expected.subList((int) from, expected.size()));
      assertThat(ports().changes().after(channel.id(), from, 2))
          .extracting(Entry::pos)
          .isEqualTo(expected.subList((int) from, (int) Math.min(from + 2, expected.size())));
    }
  }

  @Test
  void eachChannelHasItsOwnPositions() {
    Channel other = textChannel(ports().channels(), server(ports().servers(), author), null);
    Message here = post(channel, "here", NOW);
    ports().changes().record(channel.id(), new Deleted(here.id(), author.id(), NOW));
    Message there = post(other, "there", NOW);

    assertThat(there.pos()).isEqualTo(1);
    assertThat(ports().changes().after(other.id(), 0, 10))
        .extracting(Entry::pos)
        .containsExactly(1L);
  }

  @Test
  void positionOfSeqIsThatOfTheMessagesCreation() {
    Message first = post(channel, "first", NOW);
    ports().changes().record(channel.id(), new Edited(first.id(), author.id(), "x", NOW));
    Message second = post(channel, "second", NOW);

    assertThat(ports().changes().positionOfSeq(channel.id(), 0)).isZero();
    assertThat(ports().changes().positionOfSeq(channel.id(), 1)).isEqualTo(1);
    assertThat(ports().changes().positionOfSeq(channel.id(), 2))
        .isEqualTo(second.pos())
        .isEqualTo(3);
    // Asked again (an implementation may remember it), and for a seq not written yet, then written.
    assertThat(ports().changes().positionOfSeq(channel.id(), 2)).isEqualTo(3);
    assertThat(ports().changes().positionOfSeq(channel.id(), 3)).isZero();
    Message third = post(channel, "third", NOW);
    assertThat(ports().changes().positionOfSeq(channel.id(), 3))
        .isEqualTo(third.pos())
        .isEqualTo(4);
  }

  @Test
  void changedSinceNamesEachChannelWithItsLowestPositionSinceThen() {
    Channel other = textChannel(ports().channels(), server(ports().servers(), author), null);
    Message old = post(channel, "old", NOW.minusSeconds(3600));
    Message recent = post(channel, "recent", NOW.plusSeconds(60));
    ports()
        .changes()
        .record(channel.id(), new Edited(old.id(), author.id(), "new", NOW.plusSeconds(61)));
    post(other, "quiet", NOW.minusSeconds(3600));
    long otherEdit =
        ports()
            .changes()
            .record(other.id(), new Deleted(old.id(), author.id(), NOW.plusSeconds(62)));

    assertThat(ports().changes().changedSince(NOW, 100))
        .containsEntry(channel.id(), recent.pos())
        .containsEntry(other.id(), otherEdit);
    assertThat(ports().changes().changedSince(NOW.plusSeconds(3600), 100))
        .doesNotContainKeys(channel.id(), other.id());
  }

  @Test
  void concurrentSendsAndChangesNeverShareOrSkipAPosition() throws Exception {
    Message target = post(channel, "target", NOW);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Long>> work = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        work.add(
            () ->
                n % 2 == 0
                    ? post(channel, "m" + n, NOW).pos()
                    : ports()
                        .changes()
                        .record(channel.id(), new Edited(target.id(), author.id(), "e" + n, NOW)));
      }
      List<Long> positions = new ArrayList<>();
      for (Future<Long> f : pool.invokeAll(work)) {
        positions.add(f.get());
      }
      assertThat(positions).doesNotHaveDuplicates().allMatch(p -> p >= 2 && p <= 41);
      assertThat(ports().changes().after(channel.id(), 0, 100))
          .extracting(Entry::pos)
          .isEqualTo(LongStream.rangeClosed(1, 41).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }
}
