package dev.parley.domain.server;

import java.time.Instant;

/**
 * A user's membership of a server, with their role. A member timed out until a later instant can
 * read but not write (send, react, type).
 */
public record Membership(
    long serverId, long userId, Role role, Instant joinedAt, Instant timeoutUntil) {

  public Membership(long serverId, long userId, Role role, Instant joinedAt) {
    this(serverId, userId, role, joinedAt, null);
  }

  public boolean allows(Permission permission) {
    return role.allows(permission);
  }

  public boolean isTimedOut(Instant now) {
    return timeoutUntil != null && timeoutUntil.isAfter(now);
  }

  /** Whether this member may moderate {@code target}: a higher role, never the same or lower. */
  public boolean outranks(Membership target) {
    return role.ordinal() < target.role().ordinal();
  }

  public Membership withRole(Role newRole) {
    return new Membership(serverId, userId, newRole, joinedAt, timeoutUntil);
  }

  public Membership withTimeout(Instant until) {
    return new Membership(serverId, userId, role, joinedAt, until);
  }
}
