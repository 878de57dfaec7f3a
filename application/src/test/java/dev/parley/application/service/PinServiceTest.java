package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.application.port.in.PinCommand;
import dev.parley.application.port.in.ResumeUseCase.Cursor;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.PinChanged;
import dev.parley.domain.message.Pin;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins: who may pin, what the channel's pins show, and that resume replays them. */
class PinServiceTest {
  private final ChatWorld w = new ChatWorld();
  private final User admin = w.user("admin");
  private final User moderator = w.user("mod");
  private final User member = w.user("member");
  private final User stranger = w.user("stranger");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(admin.id(), "S", null, null));
  private final Channel channel =
      w.channelServices.create(
          new CreateChannelCommand(
              admin.id(), server.id(), "general", ChannelKind.TEXT, null, null, null));

  PinServiceTest() {
    for (User user : List.of(moderator, member)) {
      w.memberServices.add(new AddMemberCommand(admin.id(), server.id(), user.id(), null, null));
    }
    w.moderation.changeRole(
        new MemberAction(admin.id(), server.id(), moderator.id()), Role.MODERATOR);
  }

  private PostedMessage post(User user, long channelId, String text) {
    return w.send.send(SendMessageCommand.of(user.id(), channelId, null, text, null)).posted();
  }

  private PinChanged pin(User user, PostedMessage message, boolean pinned) {
    return w.pins.pin(new PinCommand(user.id(), message.message().id(), pinned));
  }

  @Test
  void moderatorsAndAdminsPinMembersDoNot() {
    PostedMessage message = post(member, channel.id(), "remember this");

    assertThatThrownBy(() -> pin(member, message, true))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("moderators and admins");
    PinChanged pinned = pin(moderator, message, true);
    assertThat(pinned.pinned()).isTrue();
    assertThat(pinned.username()).isEqualTo(moderator.username().value());
    assertThat(pinned.serverId()).isEqualTo(server.id());
    assertThat(w.published).contains(pinned);
    assertThat(pin(admin, message, true)).as("already pinned").isNull();

    List<Pin> pins =
        w.pins.pins(member.id(), channel.id(), ChannelExpectation.ofServer(server.id()));
    assertThat(pins)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message().message().content()).isEqualTo("remember this");
              assertThat(p.message().authorName()).isEqualTo(member.username().value());
              assertThat(p.pinnedByName()).isEqualTo(moderator.username().value());
            });

    assertThat(pin(admin, message, false).pinned()).isFalse();
    assertThat(pin(admin, message, false)).as("not pinned any more").isNull();
    assertThat(w.pins.pins(member.id(), channel.id(), ChannelExpectation.ANY)).isEmpty();
  }

  @Test
  void outsidersSeeNeitherTheMessageNorThePins() {
    PostedMessage message = post(member, channel.id(), "inside");

    assertThatThrownBy(() -> pin(stranger, message, true))
        .isInstanceOf(NotFound.class)
        .hasMessage("Message not found");
    assertThatThrownBy(() -> w.pins.pins(stranger.id(), channel.id(), ChannelExpectation.ANY))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> w.pins.pins(member.id(), channel.id(), ChannelExpectation.CONVERSATION))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void everyParticipantOfAConversationPins() {
    Channel dm =
        w.conversations
            .create(
                new CreateConversationCommand(
                    member.id(), null, null, false, List.of(stranger.id())))
            .channel();
    PostedMessage message = post(member, dm.id(), "our plan");

    assertThat(pin(stranger, message, true).serverId()).isNull();
    assertThat(w.pins.pins(member.id(), dm.id(), ChannelExpectation.CONVERSATION)).hasSize(1);
    assertThatThrownBy(() -> pin(admin, message, true)).isInstanceOf(NotFound.class);
  }

  @Test
  void aFullChannelRefusesByName() {
    for (int i = 0; i < 3; i++) {
      pin(admin, post(member, channel.id(), "m" + i), true);
    }
    PostedMessage fourth = post(member, channel.id(), "one too many");

    assertThatThrownBy(() -> pin(admin, fourth, true))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("already has 3 pinned messages");
  }

  @Test
  void resumeReplaysPinsAsTheyWereAnnounced() {
    PostedMessage message = post(member, channel.id(), "pin me");
    long seen = message.message().pos();
    PinChanged pinned = pin(admin, message, true);
    PinChanged unpinned = pin(moderator, message, false);

    List<ChatEvent> replay =
        w.resume
            .resume(member.id(), Map.of(channel.id(), new Cursor(message.message().seq(), seen)))
            .replays()
            .get(0)
            .events();

    assertThat(replay).containsExactly(pinned, unpinned);
    assertThat(pinned.pos()).isEqualTo(seen + 1);
  }
}
