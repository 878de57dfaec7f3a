package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.FakePresenceStore;
import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.ManageServerUseCase.ChannelChanges;
import dev.parley.application.port.in.ManageServerUseCase.ServerChanges;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.ChannelDeleted;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.event.MentionCreated;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.event.Topic;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.server.Invite;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class CommunityServicesTest {
  private final ChatWorld w = new ChatWorld();
  private final User owner = w.user("owner");
  private final User admin = w.user("admin");
  private final User mod = w.user("mod");
  private final User member = w.user("member");
  private final User stranger = w.user("stranger");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(owner.id(), "Guild", null, null));
  private final Channel general =
      w.channelServices.create(
          new CreateChannelCommand(
              owner.id(), server.id(), "general", ChannelKind.TEXT, null, null, null));

  CommunityServicesTest() {
    w.memberServices.add(
        new AddMemberCommand(owner.id(), server.id(), admin.id(), null, Role.ADMIN));
    w.memberServices.add(
        new AddMemberCommand(owner.id(), server.id(), mod.id(), null, Role.MODERATOR));
    w.memberServices.add(new AddMemberCommand(owner.id(), server.id(), member.id(), null, null));
  }

  @Test
  void editsOfServersAndChannelsAreForAdmins() {
    assertThatThrownBy(
            () ->
                w.moderation.updateServer(
                    mod.id(), server.id(), new ServerChanges("X", null, null)))
        .isInstanceOf(PermissionDenied.class);
    assertThat(
            w.moderation
                .updateServer(admin.id(), server.id(), new ServerChanges("Renamed", "", null))
                .name())
        .isEqualTo("Renamed");
    Channel moved =
        w.moderation.updateChannel(
            admin.id(), server.id(), general.id(), new ChannelChanges(null, null, "Text", 7));
    assertThat(moved.category()).isEqualTo("Text");
    assertThat(moved.position()).isEqualTo(7);
    assertThat(moved.name()).isEqualTo("general");
    assertThatThrownBy(
            () ->
                w.moderation.updateChannel(
                    admin.id(),
                    server.id(),
                    general.id(),
                    new ChannelChanges(null, null, null, -1)))
        .isInstanceOf(InvalidInput.class);
    RecordingConnection socket = w.connect(member, general.id());
    w.moderation.deleteChannel(admin.id(), server.id(), general.id());
    assertThat(w.published).last().isInstanceOf(ChannelDeleted.class);
    assertThat(socket.closes).hasSize(1);
    assertThatThrownBy(() -> w.moderation.deleteChannel(admin.id(), server.id(), general.id()))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void rankDecidesWhoActsOnWhom() {
    assertThatThrownBy(() -> w.moderation.kick(new MemberAction(mod.id(), server.id(), admin.id())))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () -> w.moderation.kick(new MemberAction(admin.id(), server.id(), owner.id())))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () -> w.moderation.kick(new MemberAction(member.id(), server.id(), mod.id())))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () ->
                w.moderation.changeRole(
                    new MemberAction(admin.id(), server.id(), admin.id()), Role.MEMBER))
        .isInstanceOf(PermissionDenied.class);
    w.moderation.kick(new MemberAction(mod.id(), server.id(), member.id()));
    assertThat(w.memberships.find(server.id(), member.id())).isEmpty();
    assertThat(w.published)
        .last()
        .isInstanceOfSatisfying(
            MemberLeft.class, l -> assertThat(l.reason()).isEqualTo(MemberLeft.Reason.KICKED));
    // The owner outranks everyone, even another admin.
    w.moderation.changeRole(new MemberAction(owner.id(), server.id(), admin.id()), Role.MEMBER);
    assertThat(w.memberships.find(server.id(), admin.id()).orElseThrow().role())
        .isEqualTo(Role.MEMBER);
  }

  @Test
  void oneRankRuleOnEveryMemberManagementPath() {
    User otherAdmin = w.user("admin2");
    w.memberServices.add(
        new AddMemberCommand(owner.id(), server.id(), otherAdmin.id(), null, Role.ADMIN));
    long sid = server.id();
    long peer = otherAdmin.id();
    List<Runnable> actsOnPeer =
        List.of(
            () -> w.memberServices.remove(admin.id(), sid, peer),
            () -> w.moderation.ban(new MemberAction(admin.id(), sid, peer), "spite"),
            () -> w.moderation.kick(new MemberAction(admin.id(), sid, peer)),
            () ->
                w.moderation.timeout(
                    new MemberAction(admin.id(), sid, peer), Duration.ofMinutes(1)),
            () -> w.moderation.changeRole(new MemberAction(admin.id(), sid, peer), Role.MEMBER),
            () ->
                w.moderation.changeRole(new MemberAction(admin.id(), sid, member.id()), Role.ADMIN),
            () ->
                w.memberServices.add(
                    new AddMemberCommand(admin.id(), sid, stranger.id(), null, Role.ADMIN)));
    for (Runnable act : actsOnPeer) {
      assertThatThrownBy(act::run).isInstanceOf(PermissionDenied.class);
    }
    assertThat(w.memberships.find(sid, peer).orElseThrow().role()).isEqualTo(Role.ADMIN);
    assertThat(w.memberships.find(sid, stranger.id())).isEmpty();
    assertThat(w.bans.find(sid, peer)).isEmpty();
    // Below one's own rank every path stays open, and the owner acts on anyone.
    w.memberServices.add(
        new AddMemberCommand(admin.id(), sid, stranger.id(), null, Role.MODERATOR));
    w.memberServices.remove(admin.id(), sid, stranger.id());
    w.moderation.ban(new MemberAction(owner.id(), sid, peer), null);
    assertThat(w.memberships.find(sid, peer)).isEmpty();
  }

  @Test
  void aTimedOutMemberOnlyReads() {
    Message mine =
        w.send
            .send(SendMessageCommand.of(member.id(), general.id(), null, "mine", null))
            .posted()
            .message();
    w.moderation.timeout(
        new MemberAction(owner.id(), server.id(), member.id()), Duration.ofMinutes(5));
    w.moderation.timeout(
        new MemberAction(owner.id(), server.id(), admin.id()), Duration.ofMinutes(5));
    assertThatThrownBy(
            () ->
                w.actions.edit(
                    new EditMessageCommand(
                        member.id(), mine.id(), new MessageText("edited"), null)))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("timed out");
    // A timeout silences an admin's moderation too.
    assertThatThrownBy(
            () -> w.moderation.kick(new MemberAction(admin.id(), server.id(), member.id())))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("timed out");
    assertThatThrownBy(() -> w.actions.delete(admin.id(), mine.id(), null))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> w.invites.create(admin.id(), server.id(), null, null))
        .isInstanceOf(PermissionDenied.class);
    assertThat(w.channelServices.list(admin.id(), server.id())).hasSize(1);
  }

  @Test
  void timeoutsStopWritingButNotReading() {
    var timed =
        w.moderation.timeout(
            new MemberAction(mod.id(), server.id(), member.id()), Duration.ofMinutes(5));
    assertThat(timed.membership().timeoutUntil())
        .isEqualTo(w.clock.instant().plus(Duration.ofMinutes(5)));
    assertThatThrownBy(
            () -> w.send.send(SendMessageCommand.of(member.id(), general.id(), null, "hi", null)))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("timed out");
    assertThatThrownBy(
            () -> w.typing.setTyping(member.id(), general.id(), ChannelExpectation.ANY, true))
        .isInstanceOf(PermissionDenied.class);
    assertThat(w.channelServices.list(member.id(), server.id())).hasSize(1);
    assertThatThrownBy(
            () ->
                w.moderation.timeout(
                    new MemberAction(mod.id(), server.id(), member.id()), Duration.ofDays(29)))
        .isInstanceOf(InvalidInput.class);
    w.moderation.timeout(new MemberAction(mod.id(), server.id(), member.id()), Duration.ZERO);
    assertThat(
            w.send
                .send(SendMessageCommand.of(member.id(), general.id(), null, "back", null))
                .duplicate())
        .isFalse();
  }

  @Test
  void bansRemoveAndKeepOut() {
    assertThatThrownBy(
            () -> w.moderation.ban(new MemberAction(mod.id(), server.id(), member.id()), null))
        .isInstanceOf(PermissionDenied.class);
    w.moderation.ban(new MemberAction(admin.id(), server.id(), member.id()), "spam");
    assertThat(w.memberships.find(server.id(), member.id())).isEmpty();
    assertThat(w.moderation.bans(admin.id(), server.id()))
        .singleElement()
        .satisfies(b -> assertThat(b.reason()).isEqualTo("spam"));
    assertThatThrownBy(
            () ->
                w.memberServices.add(
                    new AddMemberCommand(admin.id(), server.id(), member.id(), null, null)))
        .isInstanceOf(Conflict.class);
    Invite invite = w.invites.create(admin.id(), server.id(), null, null);
    assertThatThrownBy(() -> w.invites.join(member.id(), invite.code()))
        .isInstanceOf(PermissionDenied.class);
    // Banning someone who is not (or no longer) a member works too.
    w.moderation.ban(new MemberAction(admin.id(), server.id(), stranger.id()), null);
    w.moderation.unban(new MemberAction(admin.id(), server.id(), member.id()));
    assertThat(w.invites.join(member.id(), invite.code()).id()).isEqualTo(server.id());
    assertThatThrownBy(
            () -> w.moderation.unban(new MemberAction(admin.id(), server.id(), member.id())))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void invitesAreLimitedAndCannotBeProbed() {
    assertThatThrownBy(() -> w.invites.create(member.id(), server.id(), null, null))
        .isInstanceOf(PermissionDenied.class);
    Invite once = w.invites.create(mod.id(), server.id(), 1, Duration.ofHours(1));
    assertThat(once.code()).hasSize(10);
    assertThat(w.invites.preview(stranger.id(), once.code()).server().name()).isEqualTo("Guild");
    w.invites.join(stranger.id(), once.code());
    assertThat(w.memberships.find(server.id(), stranger.id())).isPresent();
    User another = w.user("another");
    assertThatThrownBy(() -> w.invites.join(another.id(), once.code()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> w.invites.preview(another.id(), once.code()))
        .isInstanceOf(NotFound.class);
    Invite open = w.invites.create(mod.id(), server.id(), null, null);
    assertThatThrownBy(() -> w.invites.revoke(member.id(), open.code()))
        .isInstanceOf(PermissionDenied.class);
    w.invites.revoke(mod.id(), open.code());
    assertThatThrownBy(() -> w.invites.join(another.id(), open.code()))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> w.invites.create(mod.id(), server.id(), 0, null))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> w.invites.create(mod.id(), server.id(), null, Duration.ofDays(31)))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void mentionsResolveToMembersOnlyAndCountUntilRead() {
    var sent =
        w.send.send(
            SendMessageCommand.of(
                owner.id(),
                general.id(),
                null,
                "hey @"
                    + member.username()
                    + " and @"
                    + stranger.username()
                    + " and @"
                    + owner.username()
                    + ".",
                null));
    assertThat(w.published)
        .filteredOn(MessageCreated.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((MessageCreated) e).mentionIds()).containsExactly(member.id()));
    assertThat(w.published)
        .filteredOn(MentionCreated.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((MentionCreated) e).mentionedUserId()).isEqualTo(member.id()));
    var state =
        w.readStates.states(member.id()).stream()
            .filter(s -> s.channelId() == general.id())
            .findFirst()
            .orElseThrow();
    assertThat(state.unread()).isEqualTo(1);
    assertThat(state.mentions()).isEqualTo(1);
    assertThat(w.readStates.markRead(member.id(), general.id(), null))
        .isEqualTo(sent.posted().message().seq());
    assertThat(
            w.readStates.states(member.id()).stream()
                .filter(s -> s.channelId() == general.id())
                .findFirst()
                .orElseThrow()
                .mentions())
        .isZero();
    assertThatThrownBy(() -> w.readStates.markRead(stranger.id(), general.id(), null))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> w.readStates.markRead(member.id(), general.id(), 99L))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void presenceFollowsConnectionsAndReachesEachWatcherOnce() {
    RecordingConnection watcher = w.connect(owner);
    RecordingConnection first = w.connect(member);
    RecordingConnection second = w.connect(member);
    assertThat(w.presenceService.statuses(List.of(member.id())))
        .containsEntry(member.id(), "online");
    long onlineNotices =
        watcher.received.stream()
            .filter(e -> e instanceof StatusChanged s && s.userId() == member.id())
            .count();
    assertThat(onlineNotices).isEqualTo(1);
    w.presenceService.setStatus(member.id(), "dnd");
    assertThat(w.presenceService.statuses(List.of(member.id()))).containsEntry(member.id(), "dnd");
    w.gateway.disconnect(first);
    w.gateway.release(first);
    w.gateway.disconnect(second);
    w.gateway.release(second);
    assertThat(w.presenceService.statuses(List.of(member.id())))
        .containsEntry(member.id(), "offline");
    assertThat(watcher.received)
        .filteredOn(e -> e instanceof StatusChanged s && s.userId() == member.id())
        .extracting(e -> ((StatusChanged) e).status())
        .containsExactly("online", "dnd", "offline");
    assertThatThrownBy(() -> w.presenceService.setStatus(member.id(), "asleep"))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void largeServersFanOutNoPresenceButConversationsStillDo() {
    int members = w.memberships.list(server.id()).size();
    var dm =
        w.conversations.create(
            new CreateConversationCommand(member.id(), null, null, false, List.of(stranger.id())));
    IntFunction<List<Topic>> audienceAt =
        threshold -> {
          w.published.clear();
          PresenceService presence =
              new PresenceService(
                  new FakePresenceStore(), w.memberships, w.users, w.published::add, threshold);
          presence.connected(member.id());
          return w.published.stream()
              .filter(e -> e instanceof StatusChanged)
              .flatMap(e -> ((StatusChanged) e).audience().stream())
              .toList();
        };

    assertThat(audienceAt.apply(members))
        .contains(Topic.server(server.id()), Topic.channel(dm.channel().id()));
    assertThat(audienceAt.apply(members - 1))
        .doesNotContain(Topic.server(server.id()))
        .contains(Topic.channel(dm.channel().id()));
  }
}
