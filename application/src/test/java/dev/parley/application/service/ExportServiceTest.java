package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.InMemoryMessageExport;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ExportDataUseCase.AccountExport;
import dev.parley.application.port.in.ExportDataUseCase.ChannelMessages;
import dev.parley.application.port.in.ExportDataUseCase.ServerExport;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.RateBudget;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.error.RateLimited;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportServiceTest {
  private static final int PAGE = 10;

  private final ChatWorld w = new ChatWorld();
  private final InMemoryMessageExport reader = new InMemoryMessageExport(w.store);
  private final Set<String> spent = new HashSet<>();

  /** One export per key, ever: enough to see who is refused and whether a refusal costs one. */
  private final RateBudget once =
      key -> spent.add(key) ? Optional.empty() : Optional.of(Duration.ofSeconds(42));

  private final ExportService exports =
      new ExportService(
          w.users, w.servers, w.channels, w.threadRepository, reader, w.guard, once, w.clock, PAGE);

  private final User owner = w.user("owner");
  private final User member = w.user("member");
  private final User stranger = w.user("stranger");
  private final Server guild =
      w.serverServices.create(new CreateServerCommand(owner.id(), "Guild", null, null));
  private final Channel general = channel("general", ChannelKind.TEXT);
  private final Channel random = channel("random", ChannelKind.TEXT);
  private final Channel voice = channel("voice", ChannelKind.VOICE);

  ExportServiceTest() {
    w.memberServices.add(new AddMemberCommand(owner.id(), guild.id(), member.id(), null, null));
  }

  private Channel channel(String name, ChannelKind kind) {
    return w.channelServices.create(
        new CreateChannelCommand(owner.id(), guild.id(), name, kind, null, null, null));
  }

  private Message post(User author, Channel channel, String text) {
    return w.messages.append(
        new NewMessage(channel.id(), author.id(), text, w.clock.instant(), null, null));
  }

  private static List<Long> ids(Iterable<PostedMessage> messages) {
    List<Long> ids = new ArrayList<>();
    messages.forEach(m -> ids.add(m.message().id()));
    return ids;
  }

  @Test
  void anAccountExportHoldsTheAccountItsPlacesAndEveryMessageItsUserWroteAndNoOthers() {
    Channel dm =
        w.conversations
            .create(
                new CreateConversationCommand(member.id(), null, null, false, List.of(owner.id())))
            .channel();
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      mine.add(post(member, i % 3 == 0 ? dm : i % 2 == 0 ? general : random, "m" + i).id());
      post(owner, general, "o" + i);
    }

    AccountExport export = exports.exportAccount(member.id());

    assertThat(export.account().id()).isEqualTo(member.id());
    assertThat(export.exportedAt()).isEqualTo(w.clock.instant());
    assertThat(export.servers()).extracting(s -> s.server().id()).contains(guild.id());
    assertThat(export.conversations()).extracting(Channel::id).containsExactly(dm.id());
    assertThat(reader.reads()).as("nothing is read before the messages are walked").isZero();
    assertThat(ids(export.messages())).isEqualTo(mine);
    assertThat(reader.reads()).as("45 messages in pages of 10").isEqualTo(5);
  }

  @Test
  void walkingTheMessagesReadsOnePageAtATime() {
    for (int i = 0; i < 35; i++) {
      post(member, general, "m" + i);
    }
    Iterator<PostedMessage> walk = exports.exportAccount(member.id()).messages().iterator();

    for (int i = 0; i < 25; i++) {
      walk.next();
    }

    assertThat(reader.reads()).isEqualTo(3);
  }

  @Test
  void aSecondExportSoonAfterIsRefusedWithTheWait() {
    exports.exportAccount(member.id());

    assertThatThrownBy(() -> exports.exportAccount(member.id()))
        .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).hasSeconds(42));
    assertThat(exports.exportAccount(owner.id()).account().id()).isEqualTo(owner.id());
  }

  @Test
  void theOwnerExportsEveryChannelWithAllItsMessagesInOrder() {
    List<Long> inGeneral = new ArrayList<>();
    List<Long> inRandom = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      inGeneral.add(post(i % 2 == 0 ? owner : member, general, "g" + i).id());
      inRandom.add(post(member, random, "r" + i).id());
    }

    ServerExport export = exports.exportServer(owner.id(), guild.id());

    assertThat(export.server().id()).isEqualTo(guild.id());
    assertThat(export.channels())
        .extracting(c -> c.channel().id())
        .containsExactlyInAnyOrder(general.id(), random.id(), voice.id());
    for (ChannelMessages c : export.channels()) {
      List<Long> expected =
          c.channel().id() == general.id()
              ? inGeneral
              : c.channel().id() == random.id() ? inRandom : List.of();
      assertThat(ids(c.messages())).as(c.channel().name()).isEqualTo(expected);
    }
  }

  @Test
  void onlyTheOwnerMayExportAServerAndARefusalCostsNoBudget() {
    assertThatThrownBy(() -> exports.exportServer(stranger.id(), guild.id()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> exports.exportServer(member.id(), guild.id()))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> exports.exportServer(owner.id(), guild.id() + 1000))
        .isInstanceOf(NotFound.class);

    assertThat(exports.exportServer(owner.id(), guild.id()).server().id()).isEqualTo(guild.id());
    assertThatThrownBy(() -> exports.exportServer(owner.id(), guild.id()))
        .isInstanceOf(RateLimited.class);
  }
}
