package dev.parley.application.service;

import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sign-up step: every new account joins the public server, where the rooms are. The public server
 * has no owner; its operators (configured usernames) are its ADMINs, and only they are: they join
 * as ADMIN, and {@link #applyOperators} makes the stored roles follow the list at start-up.
 */
public final class JoinPublicServer implements Consumer<User> {
  private final ServerRepository servers;
  private final MembershipRepository memberships;
  private final UserRepository users;
  private final Clock clock;
  private final Set<String> operators;

  /** Without operators: every account joins as MEMBER. */
  public JoinPublicServer(ServerRepository servers, MembershipRepository memberships, Clock clock) {
    this(servers, memberships, null, clock, Set.of());
  }

  public JoinPublicServer(
      ServerRepository servers,
      MembershipRepository memberships,
      UserRepository users,
      Clock clock,
      Collection<String> operators) {
    this.servers = servers;
    this.memberships = memberships;
    this.users = users;
    this.clock = clock;
    // Usernames are unique ignoring case, so the list is compared the same way.
    this.operators =
        operators.stream()
            .filter(name -> name != null && !name.isBlank())
            .map(JoinPublicServer::operatorKey)
            .collect(Collectors.toUnmodifiableSet());
  }

  private static String operatorKey(String name) {
    try {
      return new Username(name).key();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "public server operator '" + name + "' is not a valid username: " + e.getMessage());
    }
  }

  /** Whether the user is one of the configured operators of the public server. */
  public boolean isOperator(User user) {
    return operators.contains(user.username().key());
  }

  private Role roleOf(User user) {
    return isOperator(user) ? Role.ADMIN : Role.MEMBER;
  }

  @Override
  public void accept(User user) {
    servers
        .findPublic()
        .ifPresent(
            server ->
                memberships.add(
                    new Membership(server.id(), user.id(), roleOf(user), clock.instant())));
  }

  /**
   * Makes the public server's ADMINs exactly the operators with an account: listed users are
   * promoted (and added if they are missing), ADMINs no longer listed become MEMBERs. Returns how
   * many memberships changed.
   */
  public int applyOperators() {
    if (users == null) {
      throw new IllegalStateException("applyOperators needs the user repository");
    }
    Optional<Server> found = servers.findPublic();
    if (found.isEmpty()) {
      return 0;
    }
    long serverId = found.get().id();
    int changed = 0;
    for (Member member : memberships.list(serverId)) {
      Membership m = member.membership();
      boolean operator = operators.contains(member.username().toLowerCase(Locale.ROOT));
      if (m.role() == Role.ADMIN && !operator) {
        memberships.update(m.withRole(Role.MEMBER));
        changed++;
      } else if (operator && m.role() != Role.ADMIN) {
        memberships.update(m.withRole(Role.ADMIN));
        changed++;
      }
    }
    for (String name : operators) {
      Optional<User> user = users.findByUsername(new Username(name));
      if (user.isPresent() && memberships.find(serverId, user.get().id()).isEmpty()) {
        memberships.add(new Membership(serverId, user.get().id(), Role.ADMIN, clock.instant()));
        changed++;
      }
    }
    return changed;
  }
}
