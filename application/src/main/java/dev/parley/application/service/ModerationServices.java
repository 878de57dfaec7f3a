package dev.parley.application.service;

import dev.parley.application.port.in.ManageServerUseCase;
import dev.parley.application.port.in.ModerateMembersUseCase;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.ChannelDeleted;
import dev.parley.domain.event.ChannelUpdated;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.event.MemberUpdated;
import dev.parley.domain.event.ServerUpdated;
import dev.parley.domain.server.Ban;
import dev.parley.domain.server.ChannelManagement;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Permission;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.text.Texts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Editing servers and channels, roles, kicks, bans and timeouts. Every action is checked against
 * the role matrix, and against rank: one acts only on members ranked below, never on the owner.
 */
public final class ModerationServices implements ManageServerUseCase, ModerateMembersUseCase {
  private final ServerRepository servers;
  private final ChannelRepository channels;
  private final MembershipRepository memberships;
  private final BanRepository bans;
  private final UserRepository users;
  private final AccessGuard guard;
  private final Transactions tx;
  private final ChatEventPublisher events;
  private final Clock clock;

  public ModerationServices(
      ServerRepository servers,
      ChannelRepository channels,
      MembershipRepository memberships,
      BanRepository bans,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock) {
    this.servers = servers;
    this.channels = channels;
    this.memberships = memberships;
    this.bans = bans;
    this.users = users;
    this.guard = guard;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Server updateServer(long actorId, long serverId, ServerChanges changes) {
    guard.requirePermission(
        actorId, serverId, Permission.EDIT_SERVER, "Only admins can edit a server");
    Server current = servers.findById(serverId).orElseThrow(() -> new NotFound("Server not found"));
    Server updated =
        servers.update(
            serverId,
            changes.name() == null ? current.name() : Server.validName(changes.name()),
            changes.description() == null
                ? current.description()
                : Server.validDescription(changes.description()),
            changes.icon() == null ? current.icon() : Server.validIcon(changes.icon()));
    events.publish(new ServerUpdated(updated));
    return updated;
  }

  private Channel serverChannel(long serverId, long channelId) {
    return channels
        .findById(channelId)
        .filter(c -> c.belongsTo(serverId))
        // A thread is not one of the server's channels: it goes with its parent channel.
        .filter(c -> c.kind() != ChannelKind.THREAD)
        .orElseThrow(() -> new NotFound("Channel not found"));
  }

  /** The channel, if the actor may rename or delete it by {@link ChannelManagement}. */
  private Channel manageableChannel(long actorId, long serverId, long channelId, String verb) {
    Membership actor = guard.requireMember(actorId, serverId);
    Server server = servers.findById(serverId).orElseThrow(() -> new NotFound("Server not found"));
    Channel channel = serverChannel(serverId, channelId);
    guard.requireActive(actor);
    if (!ChannelManagement.mayManage(server, actor, channel, clock.instant())) {
      throw new PermissionDenied(
          server.isPublic()
              ? "Only an operator or the room's creator can " + verb + " it"
              : "Only admins can " + verb + " channels");
    }
    return channel;
  }

  @Override
  public Channel updateChannel(
      long actorId, long serverId, long channelId, ChannelChanges changes) {
    Channel current = manageableChannel(actorId, serverId, channelId, "edit");
    if (changes.position() != null && (changes.position() < 0 || changes.position() > 10_000)) {
      throw new InvalidInput("position", "position must be between 0 and 10000");
    }
    Channel updated =
        channels.update(
            channelId,
            changes.name() == null ? current.name() : Channel.validName(changes.name()),
            changes.description() == null
                ? current.description()
                : Channel.validDescription(changes.description()),
            changes.category() == null
                ? current.category()
                : Channel.validCategory(changes.category()),
            changes.position() == null ? current.position() : changes.position(),
            clock.instant());
    events.publish(new ChannelUpdated(updated));
    return updated;
  }

  @Override
  public void deleteChannel(long actorId, long serverId, long channelId) {
    manageableChannel(actorId, serverId, channelId, "delete");
    channels.delete(channelId);
    events.publish(new ChannelDeleted(serverId, channelId));
  }

  /** The actor's membership, checked for the permission and for rank over the target. */
  private Membership actOn(
      long actorId, long serverId, Membership target, Permission permission, String denial) {
    Membership actor = guard.requirePermission(actorId, serverId, permission, denial);
    RankRule.requireOver(server(serverId), actor, target);
    return actor;
  }

  private Server server(long serverId) {
    return servers.findById(serverId).orElseThrow(() -> new NotFound("Server not found"));
  }

  private Membership target(long serverId, long userId) {
    return memberships.find(serverId, userId).orElseThrow(() -> new NotFound("Member not found"));
  }

  private boolean isBot(long userId) {
    return users.findById(userId).map(u -> u.bot()).orElse(false);
  }

  private String nameOf(long userId) {
    return users.findById(userId).map(u -> u.username().value()).orElse("user-" + userId);
  }

  @Override
  public Member changeRole(MemberAction action, Role role) {
    long actorId = action.actorId();
    long serverId = action.serverId();
    long userId = action.memberId();
    if (role == null) {
      throw new InvalidInput("role", "role is required");
    }
    Membership target = target(serverId, userId);
    Membership actor =
        actOn(actorId, serverId, target, Permission.MANAGE_ROLES, "Only admins can change roles");
    RankRule.requireMayGrant(server(serverId), actor, role);
    Membership updated = memberships.update(target.withRole(role));
    String name = nameOf(userId);
    events.publish(new MemberUpdated(updated, name));
    return new Member(updated, name, isBot(userId));
  }

  @Override
  public void kick(MemberAction action) {
    long actorId = action.actorId();
    long serverId = action.serverId();
    long userId = action.memberId();
    Membership target = target(serverId, userId);
    actOn(
        actorId,
        serverId,
        target,
        Permission.KICK_MEMBERS,
        "Only moderators and admins can kick members");
    memberships.remove(serverId, userId, MemberLeft.Reason.KICKED);
    events.publish(new MemberLeft(serverId, userId, nameOf(userId), MemberLeft.Reason.KICKED));
  }

  @Override
  public void ban(MemberAction action, String reason) {
    long actorId = action.actorId();
    long serverId = action.serverId();
    long userId = action.memberId();
    String why = Texts.optional("reason", reason, 500);
    Membership target = memberships.find(serverId, userId).orElse(null);
    if (target != null) {
      actOn(actorId, serverId, target, Permission.BAN_MEMBERS, "Only admins can ban members");
    } else {
      guard.requirePermission(
          actorId, serverId, Permission.BAN_MEMBERS, "Only admins can ban members");
      users.findById(userId).orElseThrow(() -> new NotFound("User not found"));
      if (server(serverId).isOwnedBy(userId)) {
        throw new PermissionDenied("Nobody can do that to the server's owner");
      }
    }
    boolean removed =
        tx.inTransaction(
            () -> {
              bans.add(new Ban(serverId, userId, actorId, why, clock.instant()));
              return memberships.remove(serverId, userId, MemberLeft.Reason.BANNED);
            });
    if (removed) {
      events.publish(new MemberLeft(serverId, userId, nameOf(userId), MemberLeft.Reason.BANNED));
    }
  }

  @Override
  public void unban(MemberAction action) {
    long actorId = action.actorId();
    long serverId = action.serverId();
    long userId = action.memberId();
    guard.requirePermission(actorId, serverId, Permission.BAN_MEMBERS, "Only admins can unban");
    if (!bans.remove(serverId, userId)) {
      throw new NotFound("Ban not found");
    }
  }

  @Override
  public List<Ban> bans(long actorId, long serverId) {
    guard.requirePermission(actorId, serverId, Permission.BAN_MEMBERS, "Only admins can see bans");
    return bans.list(serverId);
  }

  @Override
  public Member timeout(MemberAction action, Duration duration) {
    long actorId = action.actorId();
    long serverId = action.serverId();
    long userId = action.memberId();
    if (duration == null || duration.isNegative() || duration.compareTo(MAX_TIMEOUT) > 0) {
      throw new InvalidInput("duration_seconds", "a timeout lasts from 0 seconds to 28 days");
    }
    Membership target = target(serverId, userId);
    actOn(
        actorId,
        serverId,
        target,
        Permission.TIMEOUT_MEMBERS,
        "Only moderators and admins can time out members");
    Membership updated =
        memberships.update(
            target.withTimeout(duration.isZero() ? null : clock.instant().plus(duration)));
    String name = nameOf(userId);
    events.publish(new MemberUpdated(updated, name));
    return new Member(updated, name, isBot(userId));
  }
}
