package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MembershipRepository.Member;
import dev.parley.application.port.out.MembershipRepository.Reach;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link MembershipRepository} must do; run against the in-memory and JDBC versions. */
public abstract class MembershipRepositoryContract {

  protected abstract UserRepository users();

  protected abstract ServerRepository servers();

  protected abstract MembershipRepository memberships();

  protected abstract ChannelRepository channels();

  @Test
  void theReachListsTheUsersServersAndConversationsByIdAndFollowsTheirChanges() {
    User me = user(users());
    User friend = user(users());
    Server first = server(servers(), friend);
    Server second = server(servers(), friend);
    Server notMine = server(servers(), friend);
    memberships().add(new Membership(second.id(), me.id(), Role.MEMBER, NOW));
    memberships().add(new Membership(first.id(), me.id(), Role.ADMIN, NOW));
    memberships().add(new Membership(notMine.id(), friend.id(), Role.ADMIN, NOW));
    Channel dm = conversation(channels(), ChannelKind.DM, me);
    Channel group = conversation(channels(), ChannelKind.GROUP, friend);
    Channel othersDm = conversation(channels(), ChannelKind.DM, friend);
    channels().addParticipants(group.id(), List.of(friend.id(), me.id()), NOW);
    channels().addParticipants(dm.id(), List.of(me.id(), friend.id()), NOW);
    channels().addParticipants(othersDm.id(), List.of(friend.id()), NOW);
    // Only DM and GROUP channels count, even if a server channel somehow has participants.
    channels().addParticipants(textChannel(channels(), first, null).id(), List.of(me.id()), NOW);

    assertThat(memberships().reachOf(me.id()))
        .isEqualTo(new Reach(List.of(first.id(), second.id()), List.of(dm.id(), group.id())));
    assertThat(memberships().reachOf(user(users()).id()))
        .isEqualTo(new Reach(List.of(), List.of()));

    // Read again after each change, as a connect on this node would be.
    memberships().remove(first.id(), me.id());
    assertThat(memberships().reachOf(me.id()).serverIds()).containsExactly(second.id());
    memberships().add(new Membership(notMine.id(), me.id(), Role.MEMBER, NOW));
    assertThat(memberships().reachOf(me.id()).serverIds())
        .containsExactly(second.id(), notMine.id());
    channels().addParticipants(othersDm.id(), List.of(me.id()), NOW);
    assertThat(memberships().reachOf(me.id()).conversationIds())
        .containsExactly(dm.id(), group.id(), othersDm.id());
    memberships().reachChanged(me.id());
    assertThat(memberships().reachOf(me.id()).serverIds())
        .containsExactly(second.id(), notMine.id());
  }

  @Test
  void addsAndFinds() {
    User user = user(users());
    Server server = server(servers(), user);
    Membership membership = new Membership(server.id(), user.id(), Role.MODERATOR, NOW);

    memberships().add(membership);

    assertThat(memberships().find(server.id(), user.id())).contains(membership);
  }

  @Test
  void addingAnExistingMembershipIsAConflict() {
    User user = user(users());
    Server server = server(servers(), user);
    Membership first = new Membership(server.id(), user.id(), Role.MEMBER, NOW);
    memberships().add(first);

    assertThatThrownBy(
            () ->
                memberships()
                    .add(new Membership(server.id(), user.id(), Role.ADMIN, NOW.plusSeconds(1))))
        .isInstanceOf(Conflict.class)
        .hasMessage("User is already a member of this server");
    assertThat(memberships().find(server.id(), user.id())).contains(first);
  }

  @Test
  void unknownMembershipIsEmpty() {
    User user = user(users());
    Server server = server(servers(), user);

    assertThat(memberships().find(server.id(), user.id())).isEmpty();
    assertThat(memberships().find(987_654_321L, user.id())).isEmpty();
  }

  @Test
  void removesAndReportsWhetherThereWasOne() {
    User user = user(users());
    User stays = user(users());
    Server server = server(servers(), user);
    memberships().add(new Membership(server.id(), user.id(), Role.MEMBER, NOW));
    memberships().add(new Membership(server.id(), stays.id(), Role.MEMBER, NOW));

    assertThat(memberships().remove(server.id(), user.id())).isTrue();
    assertThat(memberships().find(server.id(), user.id())).isEmpty();
    assertThat(memberships().remove(server.id(), user.id())).isFalse();
    assertThat(memberships().find(server.id(), stays.id())).isPresent();
  }

  @Test
  void listsMembersInJoiningOrderWithUsernames() {
    User late = user(users());
    User early = user(users());
    User tieA = user(users());
    User tieB = user(users());
    User elsewhere = user(users());
    Server server = server(servers(), early);
    Server other = server(servers(), elsewhere);
    Membership lateM = new Membership(server.id(), late.id(), Role.MEMBER, NOW.plusSeconds(30));
    Membership earlyM = new Membership(server.id(), early.id(), Role.ADMIN, NOW);
    Membership tieBM = new Membership(server.id(), tieB.id(), Role.MEMBER, NOW.plusSeconds(10));
    Membership tieAM = new Membership(server.id(), tieA.id(), Role.MODERATOR, NOW.plusSeconds(10));
    memberships().add(lateM);
    memberships().add(earlyM);
    memberships().add(tieBM);
    memberships().add(tieAM);
    memberships().add(new Membership(other.id(), elsewhere.id(), Role.ADMIN, NOW));

    assertThat(memberships().list(server.id()))
        .containsExactly(
            new Member(earlyM, early.username().value()),
            new Member(tieAM, tieA.username().value()),
            new Member(tieBM, tieB.username().value()),
            new Member(lateM, late.username().value()));
    assertThat(memberships().list(server(servers(), early).id())).isEmpty();
  }

  @Test
  void listsTheServerIdsOfAUser() {
    User user = user(users());
    User other = user(users());
    Server a = server(servers(), other);
    Server b = server(servers(), other);
    Server notMine = server(servers(), other);
    memberships().add(new Membership(a.id(), user.id(), Role.MEMBER, NOW));
    memberships().add(new Membership(b.id(), user.id(), Role.ADMIN, NOW));
    memberships().add(new Membership(notMine.id(), other.id(), Role.ADMIN, NOW));

    assertThat(memberships().serverIdsOf(user.id())).containsExactlyInAnyOrder(a.id(), b.id());

    memberships().remove(a.id(), user.id());

    assertThat(memberships().serverIdsOf(user.id())).containsExactly(b.id());
    assertThat(memberships().serverIdsOf(user(users()).id())).isEmpty();
  }

  @Test
  void smallServersAreThoseWithAtMostTheGivenMembers() {
    User user = user(users());
    User other = user(users());
    Server alone = server(servers(), user);
    Server pair = server(servers(), user);
    memberships().add(new Membership(alone.id(), user.id(), Role.ADMIN, NOW));
    memberships().add(new Membership(pair.id(), user.id(), Role.ADMIN, NOW));
    memberships().add(new Membership(pair.id(), other.id(), Role.MEMBER, NOW));

    assertThat(memberships().smallServerIdsOf(user.id(), 2)).containsExactly(alone.id(), pair.id());
    assertThat(memberships().smallServerIdsOf(user.id(), 1)).containsExactly(alone.id());
    assertThat(memberships().smallServerIdsOf(other.id(), 1)).isEmpty();
  }

  @Test
  void keepsATimeout() {
    User user = user(users());
    Server server = server(servers(), user);
    Membership muted =
        new Membership(server.id(), user.id(), Role.MEMBER, NOW, NOW.plusSeconds(600));

    memberships().add(muted);

    assertThat(memberships().find(server.id(), user.id())).contains(muted);
    assertThat(memberships().list(server.id()))
        .containsExactly(new Member(muted, user.username().value()));
  }

  @Test
  void updateChangesTheRoleAndTimeoutButNotTheJoiningTime() {
    User user = user(users());
    User other = user(users());
    Server server = server(servers(), user);
    Membership joined = new Membership(server.id(), user.id(), Role.MEMBER, NOW);
    Membership untouched = new Membership(server.id(), other.id(), Role.MEMBER, NOW);
    memberships().add(joined);
    memberships().add(untouched);

    Membership promoted =
        memberships()
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
    assertThat(memberships().find(server.id(), user.id())).contains(promoted);
    assertThat(memberships().find(server.id(), other.id())).contains(untouched);

    Membership cleared = memberships().update(promoted.withTimeout(null));

    assertThat(cleared).isEqualTo(new Membership(server.id(), user.id(), Role.MODERATOR, NOW));
    assertThat(memberships().find(server.id(), user.id())).contains(cleared);
  }

  @Test
  void updatingAMissingMembershipFails() {
    User user = user(users());
    Server server = server(servers(), user);

    assertThatThrownBy(
            () -> memberships().update(new Membership(server.id(), user.id(), Role.ADMIN, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(memberships().find(server.id(), user.id())).isEmpty();
  }
}
