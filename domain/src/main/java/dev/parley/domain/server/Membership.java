package dev.parley.domain.server;

import java.time.Instant;

/** A user's membership of a server, with their role. */
public record Membership(long serverId, long userId, Role role, Instant joinedAt) {

  public boolean allows(Permission permission) {
    return role.allows(permission);
  }
}
