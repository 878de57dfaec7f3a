package dev.parley.application.service;

import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.AddMemberUseCase;
import dev.parley.application.port.in.ListMembersUseCase;
import dev.parley.application.port.in.RemoveMemberUseCase;
import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Permission;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.util.List;

/** Adding, removing and listing server members. */
public final class MemberServices
    implements AddMemberUseCase, RemoveMemberUseCase, ListMembersUseCase {
  private final MembershipRepository memberships;
  private final ServerRepository servers;
  private final UserRepository users;
  private final BanRepository bans;
  private final AccessGuard guard;
  private final ChatEventPublisher events;
  private final Clock clock;

  public MemberServices(
      MembershipRepository memberships,
      ServerRepository servers,
      UserRepository users,
      BanRepository bans,
      AccessGuard guard,
      ChatEventPublisher events,
      Clock clock) {
    this.memberships = memberships;
    this.servers = servers;
    this.users = users;
    this.bans = bans;
    this.guard = guard;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Member add(AddMemberCommand command) {
    Membership actor =
        guard.requirePermission(
            command.actorId(),
            command.serverId(),
            Permission.MANAGE_MEMBERS,
            "Only admins can add members");
    Server server =
        servers.findById(command.serverId()).orElseThrow(() -> new NotFound("Server not found"));
    RankRule.requireMayGrant(server, actor, command.role());
    User user =
        (command.userId() != null
                ? users.findById(command.userId())
                : users.findByUsername(command.username()))
            .orElseThrow(() -> new NotFound("User not found"));
    if (bans.find(command.serverId(), user.id()).isPresent()) {
      throw new Conflict("User is banned from this server");
    }
    Membership membership =
        new Membership(command.serverId(), user.id(), command.role(), clock.instant());
    memberships.add(membership);
    events.publish(
        new MemberJoined(command.serverId(), user.id(), user.username().value(), command.role()));
    return new Member(membership, user.username().value(), user.bot());
  }

  @Override
  public void remove(long actorId, long serverId, long userId) {
    boolean leaving = actorId == userId;
    Membership actor =
        leaving
            ? guard.requireMember(actorId, serverId)
            : guard.requirePermission(
                actorId, serverId, Permission.MANAGE_MEMBERS, "Only admins can remove members");
    Server server = servers.findById(serverId).orElseThrow(() -> new NotFound("Server not found"));
    if (server.isOwnedBy(userId)) {
      throw new PermissionDenied("The owner cannot be removed from their server");
    }
    if (!leaving) {
      Membership target =
          memberships.find(serverId, userId).orElseThrow(() -> new NotFound("Member not found"));
      RankRule.requireOver(server, actor, target);
    }
    if (server.isPublic() && leaving) {
      throw new PermissionDenied("Nobody leaves the public server");
    }
    String username =
        users.findById(userId).map(u -> u.username().value()).orElse(Long.toString(userId));
    MemberLeft.Reason reason = leaving ? MemberLeft.Reason.LEFT : MemberLeft.Reason.REMOVED;
    if (!memberships.remove(serverId, userId, reason)) {
      throw new NotFound("Member not found");
    }
    events.publish(new MemberLeft(serverId, userId, username, reason));
  }

  @Override
  public List<Member> list(long userId, long serverId) {
    guard.requireMember(userId, serverId);
    return memberships.list(serverId);
  }
}
