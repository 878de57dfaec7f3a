package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MembershipRepository.Reach;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link MembershipRepository} must do; run against the in-memory and JDBC versions. */
public abstract class MembershipRepositoryContract {

  protected abstract OutPorts ports();

  @Test
  void theReachListsTheUsersServersAndConversationsByIdAndFollowsTheirChanges() {
    User me = user(ports().users());
    User friend = user(ports().users());
    Server first = server(ports().servers(), friend);
    Server second = server(ports().servers(), friend);
    Server notMine = server(ports().servers(), friend);
    ports().memberships().add(new Membership(second.id(), me.id(), Role.MEMBER, NOW));
    ports().memberships().add(new Membership(first.id(), me.id(), Role.ADMIN, NOW));
    ports().memberships().add(new Membership(notMine.id(), friend.id(), Role.ADMIN, NOW));
    Channel dm = conversation(ports().channels(), ChannelKind.DM, me);
    Channel group = conversation(ports().channels(), ChannelKind.GROUP, friend);
    Channel othersDm = conversation(ports().channels(), ChannelKind.DM, friend);
    ports().channels().addParticipants(group.id(), List.of(friend.id(), me.id()), NOW);
    ports().channels().addParticipants(dm.id(), List.of(me.id(), friend.id()), NOW);
    ports().channels().addParticipants(othersDm.id(), List.of(friend.id()), NOW);
    // Only DM and GROUP channels count, even if a server channel somehow has participants.
    ports()
        .channels()
        .addParticipants(textChannel(ports().channels(), first, null).id(), List.of(me.id()), NOW);

    assertThat(ports().memberships().reachOf(me.id()))
        .isEqualTo(new Reach(List.of(first.id(), second.id()), List.of(dm.id(), group.id())));
    assertThat(ports().memberships().reachOf(user(ports().users()).id()))
        .isEqualTo(new Reach(List.of(), List.of()));

    // Read again after each change, as a connect on this node would be.
    ports().memberships().remove(first.id(), me.id(), MemberLeft.Reason.LEFT);
    assertThat(ports().memberships().reachOf(me.id()).serverIds()).containsExactly(second.id());
    ports().memberships().add(new Membership(notMine.id(), me.id(), Role.MEMBER, NOW));
    assertThat(ports().memberships().reachOf(me.id()).serverIds())
        .containsExactly(second.id(), notMine.id());
    ports().channels().addParticipants(othersDm.id(), List.of(me.id()), NOW);
    assertThat(ports().memberships().reachOf(me.id()).conversationIds())
        .containsExactly(dm.id(), group.id(), othersDm.id());
    ports().memberships().reachChanged(me.id());
    assertThat(ports().memberships().reachOf(me.id()).serverIds())
        .containsExactly(second.id(), notMine.id());
  }

  @Test
  void addsAndFinds() {
    User user = user(ports().users());
    Server server = server(ports().servers(), user);
    Membership membership = new Membership(server.id(), user.id(), Role.MODERATOR, NOW);

    ports().memberships().add(membership);

    assertThat(ports().memberships().find(server.id(), user.id())).contains(membership);
  }

  @Test
  void addingAnExistingMembershipIsAConflict() {
    User user = user(ports().users());
    Server server = server(ports().servers(), user);
    Membership first = new Membership(server.id(), user.id(), Role.MEMBER, NOW);
    ports().memberships().add(first);

    assertThatThrownBy(
            () ->
                ports()
                    .memberships()
                    .add(new Membership(server.id(), user.id(), Role.ADMIN, NOW.plusSeconds(1))))
        .isInstanceOf(Conflict.class)
        .hasMessage("User is already a member of this server");
    assertThat(ports().memberships().find(server.id(), user.id())).contains(first);
  }

  @Test
  void unknownMembershipIsEmpty() {
    User user = user(ports().users());
    Server server = server(ports().servers(), user);

    assertThat(ports().memberships().find(server.id(), user.id())).isEmpty();
    assertThat(ports().memberships().find(987_654_321L, user.id())).isEmpty();
  }

  @Test
  void removesAndReportsWhetherThereWasOne() {
    User user = user(ports().users());
    User stays = user(ports().users());
    Server server = server(ports().servers(), user);
    ports().memberships().add(new Membership(server.id(), user.id(), Role.MEMBER, NOW));
    ports().memberships().add(new Membership(server.id(), stays.id(), Role.MEMBER, NOW));

    assertThat(ports().memberships().remove(server.id(), user.id(), MemberLeft.Reason.LEFT))
        .isTrue();
    assertThat(ports().memberships().find(server.id(), user.id())).isEmpty();
    assertThat(ports().memberships().remove(server.id(), user.id(), MemberLeft.Reason.LEFT))
        .isFalse();
    assertThat(ports().memberships().find(server.id(), stays.id())).isPresent();
  }

  @Test
  void listsMembersInJoiningOrderWithUsernames() {
    User late = user(ports().users());
    User early = user(ports().users());
    User tieA = user(ports().users());
    User tieB = user(ports().users());
    User elsewhere = user(ports().users());
    Server server = server(ports().servers(), early);
    Server other = server(ports().servers(), elsewhere);
    Membership lateM = new Membership(server.id(), late.id(), Role.MEMBER, NOW.plusSeconds(30));
    Membership earlyM = new Membership(server.id(), early.id(), Role.ADMIN, NOW);
    Membership tieBM = new Membership(server.id(), tieB.id(), Role.MEMBER, NOW.plusSeconds(10));
    Membership tieAM = new Membership(server.id(), tieA.id(), Role.MODERATOR, NOW.plusSeconds(10));
    ports().memberships().add(lateM);
    ports().memberships().add(earlyM);
    ports().memberships().add(tieBM);
    ports().memberships().add(tieAM);
    ports().memberships().add(new Membership(other.id(), elsewhere.id(), Role.ADMIN, NOW));

    assertThat(ports().memberships().list(server.id()))
        .containsExactly(
            new Member(earlyM, early.username().value()),
            new Member(tieAM, tieA.username().value()),
            new Member(tieBM, tieB.username().value()),
            new Member(lateM, late.username().value()));
    assertThat(ports().memberships().list(server(ports().servers(), early).id())).isEmpty();
  }

  @Test
  void listsTheServerIdsOfAUser() {
    User user = user(ports().users());
    User other = user(ports().users());
    Server a = server(ports().servers(), other);
    Server b = server(ports().servers(), other);
    Server notMine = server(ports().servers(), other);
    ports().memberships().add(new Membership(a.id(), user.id(), Role.MEMBER, NOW));
    ports().memberships().add(new Membership(b.id(), user.id(), Role.ADMIN, NOW));
    ports().memberships().add(new Membership(notMine.id(), other.id(), Role.ADMIN, NOW));

    assertThat(ports().memberships().serverIdsOf(user.id()))
        .containsExactlyInAnyOrder(a.id(), b.id());

    ports().memberships().remove(a.id(), user.id(), MemberLeft.Reason.LEFT);

    assertThat(ports().memberships().serverIdsOf(user.id())).containsExactly(b.id());
    assertThat(ports().memberships().serverIdsOf(user(ports().users()).id())).isEmpty();
  }

  @Test
  void smallServersAreThoseWithAtMostTheGivenMembers() {
    User user = user(ports().users());
    User other = user(ports().users());
    Server alone = server(ports().servers(), user);
    Server pair = server(ports().servers(), user);
    ports().memberships().add(new Membership(alone.id(), user.id(), Role.ADMIN, NOW));
    ports().memberships().add(new Membership(pair.id(), user.id(), Role.ADMIN, NOW));
    ports().memberships().add(new Membership(pair.id(), other.id(), Role.MEMBER, NOW));

    assertThat(ports().memberships().smallServerIdsOf(user.id(), 2))
        .containsExactly(alone.id(), pair.id());
    assertThat(ports().memberships().smallServerIdsOf(user.id(), 1)).containsExactly(alone.id());
    assertThat(ports().memberships().smallServerIdsOf(other.id(), 1)).isEmpty();
  }

  @Test
  void keepsATimeout() {
    User user = user(ports().users());
    Server server = server(ports().servers(), user);
    Membership muted =
        new Membership(server.id(), user.id(), Role.MEMBER, NOW, NOW.plusSeconds(600));

    ports().memberships().add(muted);

    assertThat(ports().memberships().find(server.id(), user.id())).contains(muted);
    assertThat(ports().memberships().list(server.id()))
        .containsExactly(new Member(muted, user.username().value()));
  }

  @Test
  void updateChangesTheRoleAndTimeoutButNotTheJoiningTime() {
    User user = user(ports().users());
    User other = user(ports().users());
    Server server = server(ports().servers(), user);
    Membership joined = new Membership(server.id(), user.id(), Role.MEMBER, NOW);
    Membership untouched = new Membership(server.id(), other.id(), Role.MEMBER, NOW);
    ports().memberships().add(joined);
    ports().memberships().add(untouched);

    Membership promoted =
        ports()
            .memberships()
            .update(
                new Membership(
                    server.id(),
                    user.id(),
                    Role.MODERATOR,
                    NOW.plusSeconds(99),
                    NOW.plusSeconds(300)));

    assertThat(promoted)
        .isEqualTo(
            new Membership(server.id(), user.id(), Role.MODERATOR, NOW, NOW.plusSeconds(300)));
    assertThat(ports().memberships().find(server.id(), user.id())).contains(promoted);
    assertThat(ports().memberships().find(server.id(), other.id())).contains(untouched);

    Membership cleared = ports().memberships().update(promoted.withTimeout(null));

    assertThat(cleared).isEqualTo(new Membership(server.id(), user.id(), Role.MODERATOR, NOW));
    assertThat(ports().memberships().find(server.id(), user.id())).contains(cleared);
  }

  @Test
  void updatingAMissingMembershipFails() {
    User user = user(ports().users());
    Server server = server(ports().servers(), user);

    assertThatThrownBy(
            () ->
                ports()
                    .memberships()
                    .update(new Membership(server.id(), user.id(), Role.ADMIN, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ports().memberships().find(server.id(), user.id())).isEmpty();
  }
}
