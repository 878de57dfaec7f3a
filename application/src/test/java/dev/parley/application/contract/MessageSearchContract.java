package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageSearch;
import dev.parley.application.port.out.MessageSearch.Criteria;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MessageSearch} must do; run against the in-memory and JDBC versions. */
public abstract class MessageSearchContract {

  protected abstract OutPorts ports();

  private User alice;
  private User bob;
  private Channel general;
  private Channel random;
  private Channel dm;

  @BeforeEach
  void channelsToSearch() {
    alice = user(ports().users());
    bob = user(ports().users());
    Server server = server(ports().servers(), alice);
    general = textChannel(ports().channels(), server, null);
    random = textChannel(ports().channels(), server, null);
    dm = conversation(ports().channels(), ChannelKind.DM, alice);
  }

  @Test
  void findsMessagesHoldingEveryWordAsAWholeWordIgnoringCaseNewestFirst() {
    Message first = post(general, alice, "Hello world");
    Message second = post(general, bob, "hello there, friend");
    Message third = post(general, alice, "HELLO World, again!");
    post(general, bob, "goodbye");

    assertThat(find("hello", all())).containsExactly(third, second, first);
    assertThat(find("world hello", all())).containsExactly(third, first);
    assertThat(find("WORLD", all())).containsExactly(third, first);
    assertThat(find("friend", all())).containsExactly(second);
    assertThat(find("hell", all())).isEmpty();
    assertThat(find("zebra", all())).isEmpty();
    assertThat(find("hello zebra", all())).isEmpty();
  }

  @Test
  void looksOnlyInTheNamedChannels() {
    Message inGeneral = post(general, alice, "release notes");
    Message inRandom = post(random, bob, "release party");
    Message inDm = post(dm, alice, "release date?");

    assertThat(find("release", all())).containsExactly(inDm, inRandom, inGeneral);
    assertThat(find("release", List.of(general.id()))).containsExactly(inGeneral);
    assertThat(find("release", List.of(general.id(), dm.id()))).containsExactly(inDm, inGeneral);
    assertThat(find("release", List.of())).isEmpty();
  }

  @Test
  void narrowsByAuthor() {
    Message mine = post(general, alice, "deploy now");
    Message theirs = post(random, bob, "deploy later");

    assertThat(ports().search().search(new Criteria("deploy", all(), alice.id(), null, 10)))
        .containsExactly(mine);
    assertThat(ports().search().search(new Criteria("deploy", all(), bob.id(), null, 10)))
        .containsExactly(theirs);
  }

  @Test
  void pagesBelowACursor() {
    Message m1 = post(general, alice, "ticket one");
    Message m2 = post(random, alice, "ticket two");
    Message m3 = post(general, bob, "ticket three");
    Message m4 = post(dm, alice, "ticket four");
    Message m5 = post(general, alice, "ticket five");

    assertThat(page(null, 2)).containsExactly(m5, m4);
    assertThat(page(m4.id(), 2)).containsExactly(m3, m2);
    assertThat(page(m2.id(), 2)).containsExactly(m1);
    assertThat(page(m1.id(), 2)).isEmpty();
    assertThat(page(m3.id(), 10)).containsExactly(m2, m1);
  }

  @Test
  void deletedMessagesNeverMatchAndEditsMatchTheirNewText() {
    Message kept = post(general, alice, "secret plan");
    Message gone = post(general, alice, "secret code");
    Message edited = post(general, bob, "old wording");

    ports().messages().markDeleted(gone.id(), NOW.plusSeconds(1));
    Message changed = ports().messages().edit(edited.id(), "secret wording", NOW.plusSeconds(2));

    assertThat(find("secret", all())).containsExactly(changed, kept);
    assertThat(find("code", all())).isEmpty();
    assertThat(find("old", all())).isEmpty();
  }

  @Test
  void aQueryWithoutWordsMatchesNothing() {
    post(general, alice, "what?! ... yes!");

    assertThat(find("?!", all())).isEmpty();
    assertThat(find("...", all())).isEmpty();
  }

  private List<Long> all() {
    return List.of(general.id(), random.id(), dm.id());
  }

  private List<Message> find(String text, Collection<Long> channelIds) {
    return ports().search().search(new Criteria(text, channelIds, null, null, 100));
  }

  private List<Message> page(Long beforeId, int limit) {
    return ports().search().search(new Criteria("ticket", all(), null, beforeId, limit));
  }

  private Message post(Channel channel, User author, String text) {
    return ports()
        .messages()
        .append(new NewMessage(channel.id(), author.id(), text, NOW, null, null));
  }
}
