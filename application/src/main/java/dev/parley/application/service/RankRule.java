package dev.parley.application.service;

import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;

/**
 * The one rank rule of member management (remove, kick, ban, timeout, role changes, adding with a
 * role): the owner acts on anyone but themselves; everyone else acts only on members ranked below
 * them and grants only roles ranked below their own.
 */
final class RankRule {
  private RankRule() {}

  /** Refuses {@code actor} acting on {@code target} (a current member) in {@code server}. */
  static void requireOver(Server server, Membership actor, Membership target) {
    if (server.isOwnedBy(target.userId())) {
      throw new PermissionDenied("Nobody can do that to the server's owner");
    }
    if (actor.userId() == target.userId()) {
      throw new PermissionDenied("You cannot do that to yourself");
    }
    if (!server.isOwnedBy(actor.userId()) && !actor.outranks(target)) {
      throw new PermissionDenied("You can only act on members ranked below you");
    }
  }

  /** Refuses {@code actor} handing out {@code role}, unless they own the server or outrank it. */
  static void requireMayGrant(Server server, Membership actor, Role role) {
    if (role != null
        && !server.isOwnedBy(actor.userId())
        && actor.role().ordinal() >= role.ordinal()) {
      throw new PermissionDenied("You can only give roles ranked below your own");
    }
  }
}
