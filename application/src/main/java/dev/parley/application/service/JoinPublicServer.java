package dev.parley.application.service;

import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.util.function.Consumer;

/** Sign-up step: every new account joins the public server, where the rooms are. */
public final class JoinPublicServer implements Consumer<User> {
  private final ServerRepository servers;
  private final MembershipRepository memberships;
  private final Clock clock;

  public JoinPublicServer(ServerRepository servers, MembershipRepository memberships, Clock clock) {
    this.servers = servers;
    this.memberships = memberships;
    this.clock = clock;
  }

  @Override
  public void accept(User user) {
    servers
        .findPublic()
        .ifPresent(
            server ->
                memberships.add(
                    new Membership(server.id(), user.id(), Role.MEMBER, clock.instant())));
  }
}
