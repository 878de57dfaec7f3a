package dev.parley.application.service;

import dev.parley.application.port.in.InvitesUseCase;
import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.InviteRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.server.Invite;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Permission;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Invites: random codes that let users join a server, optionally limited in uses or time. An invite
 * that cannot be used is "not found", whatever the reason, so codes cannot be probed.
 */
public final class InviteServices implements InvitesUseCase {
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int CODE_LENGTH = 10;
  private static final String INVALID = "Invite not found or no longer valid";

  private final InviteRepository invites;
  private final ServerRepository servers;
  private final MembershipRepository memberships;
  private final BanRepository bans;
  private final UserRepository users;
  private final AccessGuard guard;
  private final Transactions tx;
  private final ChatEventPublisher events;
  private final Clock clock;
  private final CreationLimits limits;
  private final SecureRandom random = new SecureRandom();

  public InviteServices(
      InviteRepository invites,
      ServerRepository servers,
      MembershipRepository memberships,
      BanRepository bans,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    this.invites = invites;
    this.servers = servers;
    this.memberships = memberships;
    this.bans = bans;
    this.users = users;
    this.guard = guard;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.limits = limits;
  }

  private String newCode() {
    StringBuilder code = new StringBuilder(CODE_LENGTH);
    for (int i = 0; i < CODE_LENGTH; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  @Override
  public Invite create(long actorId, long serverId, Integer maxUses, Duration maxAge) {
    guard.requirePermission(
        actorId, serverId, Permission.CREATE_INVITES, "Only moderators and admins can invite");
    Server server = servers.findById(serverId).orElseThrow(() -> new NotFound("Server not found"));
    if (server.isPublic()) {
      throw new InvalidInput("server_id", "everyone is already in the public server");
    }
    if (maxUses != null && (maxUses < 1 || maxUses > MAX_USES)) {
      throw new InvalidInput("max_uses", "max_uses must be between 1 and " + MAX_USES);
    }
    if (maxAge != null
        && (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(MAX_AGE) > 0)) {
      throw new InvalidInput("max_age_seconds", "max_age_seconds must be between 1 and 30 days");
    }
    Instant now = clock.instant();
    CreationLimits.require(
        invites.listByServer(serverId).stream().filter(i -> i.usableAt(now)).count(),
        limits.invitesPerServer(),
        "usable invites in a server");
    return invites.create(
        new Invite(
            newCode(),
            serverId,
            actorId,
            now,
            maxAge == null ? null : now.plus(maxAge),
            maxUses,
            0,
            null));
  }

  @Override
  public List<Invite> list(long actorId, long serverId) {
    guard.requirePermission(
        actorId, serverId, Permission.CREATE_INVITES, "Only moderators and admins see invites");
    return invites.listByServer(serverId);
  }

  @Override
  public void revoke(long actorId, String code) {
    Invite invite = invites.find(code).orElseThrow(() -> new NotFound(INVALID));
    Membership actor = guard.requireMember(actorId, invite.serverId());
    if (invite.createdBy() != actorId && !guard.allows(actor, Permission.CREATE_INVITES)) {
      throw new PermissionDenied("Only its creator, moderators and admins can revoke an invite");
    }
    invites.revoke(code, clock.instant());
  }

  @Override
  public InviteView preview(long userId, String code) {
    Invite invite =
        invites
            .find(code)
            .filter(i -> i.usableAt(clock.instant()))
            .orElseThrow(() -> new NotFound(INVALID));
    return new InviteView(
        invite, servers.findById(invite.serverId()).orElseThrow(() -> new NotFound(INVALID)));
  }

  @Override
  public Server join(long userId, String code) {
    Invite invite = invites.find(code).orElseThrow(() -> new NotFound(INVALID));
    Server server = servers.findById(invite.serverId()).orElseThrow(() -> new NotFound(INVALID));
    if (memberships.find(server.id(), userId).isPresent()) {
      return server;
    }
    if (bans.find(server.id(), userId).isPresent()) {
      throw new PermissionDenied("You are banned from this server");
    }
    String username =
        users.findById(userId).orElseThrow(() -> new NotFound("User not found")).username().value();
    tx.inTransaction(
        () -> {
          invites.use(code, clock.instant()).orElseThrow(() -> new NotFound(INVALID));
          memberships.add(new Membership(server.id(), userId, Role.MEMBER, clock.instant()));
          return null;
        });
    events.publish(new MemberJoined(server.id(), userId, username, Role.MEMBER));
    return server;
  }
}
