package dev.parley.application.service;

import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.CreateServerUseCase;
import dev.parley.application.port.in.DeleteServerUseCase;
import dev.parley.application.port.in.ListServersUseCase;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.ServerDeleted;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Permission;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import java.time.Clock;
import java.util.List;

/** Creating, listing and deleting servers. */
public final class ServerServices
    implements CreateServerUseCase, ListServersUseCase, DeleteServerUseCase {
  private final ServerRepository servers;
  private final MembershipRepository memberships;
  private final UserRepository users;
  private final AccessGuard guard;
  private final Transactions tx;
  private final ChatEventPublisher events;
  private final Clock clock;
  private final CreationLimits limits;

  public ServerServices(
      ServerRepository servers,
      MembershipRepository memberships,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    this.servers = servers;
    this.memberships = memberships;
    this.users = users;
    this.guard = guard;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.limits = limits;
  }

  @Override
  public Server create(CreateServerCommand command) {
    long owned =
        servers.listForUser(command.ownerId()).stream()
            .filter(s -> s.server().isOwnedBy(command.ownerId()))
            .count();
    CreationLimits.require(owned, limits.serversPerOwner(), "servers owned by one user");
    String ownerName =
        users
            .findById(command.ownerId())
            .orElseThrow(() -> new NotFound("User not found"))
            .username()
            .value();
    Server server =
        tx.inTransaction(
            () -> {
              Server created =
                  servers.create(
                      new NewServer(
                          command.name(),
                          command.description(),
                          command.icon(),
                          command.ownerId(),
                          false,
                          clock.instant()));
              memberships.add(
                  new Membership(created.id(), command.ownerId(), Role.ADMIN, clock.instant()));
              return created;
            });
    // Lets the owner's open gateway connections follow the new server at once.
    events.publish(new MemberJoined(server.id(), command.ownerId(), ownerName, Role.ADMIN));
    return server;
  }

  @Override
  public List<ServerWithRole> list(long userId) {
    return servers.listForUser(userId);
  }

  @Override
  public void delete(long actorId, long serverId) {
    guard.requirePermission(
        actorId, serverId, Permission.DELETE_SERVER, "Only admins can delete a server");
    Server server = servers.findById(serverId).orElseThrow(() -> new NotFound("Server not found"));
    if (server.isPublic()) {
      throw new PermissionDenied("The public server cannot be deleted");
    }
    servers.delete(serverId);
    events.publish(new ServerDeleted(serverId, server.name()));
  }
}
