package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ManageServerUseCase.ChannelChanges;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 9: the public server's operators are its ADMINs (on joining and at start-up), and
 * only an operator or a room's creator may rename or delete a room.
 */
class PublicServerOperatorsTest {
  private final ChatWorld w = new ChatWorld();
  private final Server rooms =
      w.servers.create(new NewServer("Rooms", null, null, null, true, w.clock.instant()));

  private JoinPublicServer join(String... operators) {
    return new JoinPublicServer(w.servers, w.memberships, w.users, w.clock, List.of(operators));
  }

  private Role roleOf(User user) {
    return w.memberships.find(rooms.id(), user.id()).orElseThrow().role();
  }

  private Channel room(User creator, String name) {
    return w.channelServices.create(
        new CreateChannelCommand(
            creator.id(), rooms.id(), name, ChannelKind.TEXT, null, null, null));
  }

  @Test
  void operatorsJoinAsAdminsAndEveryoneElseAsMembers() {
    User op = w.user("op");
    User member = w.user("member");
    JoinPublicServer join = join(op.username().value().toUpperCase());
    join.accept(op);
    join.accept(member);

    assertThat(roleOf(op)).isEqualTo(Role.ADMIN);
    assertThat(roleOf(member)).isEqualTo(Role.MEMBER);
  }

  @Test
  void atStartUpTheListedBecomeAdminsAndTheUnlistedStopBeingAdmins() {
    User op = w.user("op");
    User former = w.user("former");
    User member = w.user("member");
    User missing = w.user("missing");
    JoinPublicServer before = join(former.username().value());
    before.accept(op);
    before.accept(former);
    before.accept(member);
    assertThat(roleOf(former)).isEqualTo(Role.ADMIN);

    JoinPublicServer now = join(op.username().value(), missing.username().value(), "nobody-yet");
    assertThat(now.applyOperators()).isEqualTo(3);

    assertThat(roleOf(op)).isEqualTo(Role.ADMIN);
    assertThat(roleOf(missing)).isEqualTo(Role.ADMIN);
    assertThat(roleOf(former)).isEqualTo(Role.MEMBER);
    assertThat(roleOf(member)).isEqualTo(Role.MEMBER);
    assertThat(now.applyOperators()).isZero();
  }

  @Test
  void onlyAnOperatorOrTheRoomsCreatorMayRenameOrDeleteIt() {
    User op = w.user("op");
    User alice = w.user("alice");
    User bob = w.user("bob");
    JoinPublicServer join = join(op.username().value());
    List.of(op, alice, bob).forEach(join);
    Channel alices = room(alice, "alices");
    ChannelChanges rename = new ChannelChanges("renamed", null, null, null);

    assertThatThrownBy(() -> w.moderation.updateChannel(bob.id(), rooms.id(), alices.id(), rename))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> w.moderation.deleteChannel(bob.id(), rooms.id(), alices.id()))
        .isInstanceOf(PermissionDenied.class);

    assertThat(w.moderation.updateChannel(alice.id(), rooms.id(), alices.id(), rename).name())
        .isEqualTo("renamed");
    assertThat(
            w.moderation
                .updateChannel(
                    op.id(),
                    rooms.id(),
                    alices.id(),
                    new ChannelChanges("by-the-operator", null, null, null))
                .name())
        .isEqualTo("by-the-operator");

    Channel bobs = room(bob, "bobs");
    w.moderation.deleteChannel(op.id(), rooms.id(), bobs.id());
    assertThat(w.channels.findById(bobs.id())).isEmpty();

    // A timed-out creator is refused until the timeout ends.
    w.moderation.timeout(new MemberAction(op.id(), rooms.id(), alice.id()), Duration.ofMinutes(5));
    assertThatThrownBy(() -> w.moderation.deleteChannel(alice.id(), rooms.id(), alices.id()))
        .isInstanceOf(PermissionDenied.class);
    w.moderation.timeout(new MemberAction(op.id(), rooms.id(), alice.id()), Duration.ZERO);
    w.moderation.deleteChannel(alice.id(), rooms.id(), alices.id());
    assertThat(w.channels.findById(alices.id())).isEmpty();

    // Being a creator elsewhere gives no right over someone else's room.
    Channel ops = room(op, "ops");
    assertThatThrownBy(() -> w.moderation.deleteChannel(alice.id(), rooms.id(), ops.id()))
        .isInstanceOf(PermissionDenied.class);
  }

  @Test
  void inAnOrdinaryServerCreatingAChannelOnceGivesNoLastingRight() {
    User owner = w.user("owner");
    User demoted = w.user("demoted");
    Server server = w.serverServices.create(new CreateServerCommand(owner.id(), "s", null, null));
    w.memberServices.add(
        new AddMemberCommand(owner.id(), server.id(), demoted.id(), null, Role.ADMIN));
    Channel channel =
        w.channelServices.create(
            new CreateChannelCommand(
                demoted.id(), server.id(), "theirs", ChannelKind.TEXT, null, null, null));
    w.moderation.changeRole(new MemberAction(owner.id(), server.id(), demoted.id()), Role.MEMBER);

    assertThatThrownBy(() -> w.moderation.deleteChannel(demoted.id(), server.id(), channel.id()))
        .isInstanceOf(PermissionDenied.class);
  }
}
