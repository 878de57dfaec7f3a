package dev.parley.domain.server;

import java.time.Instant;

/** A code that lets anyone holding it join a server, maybe a limited number of times or until. */
public record Invite(
    String code,
    long serverId,
    long createdBy,
    Instant createdAt,
    Instant expiresAt,
    Integer maxUses,
    int uses,
    Instant revokedAt) {

  /** Whether the invite can still be used at {@code now}. */
  public boolean usableAt(Instant now) {
    return revokedAt == null
        && (expiresAt == null || expiresAt.isAfter(now))
        && (maxUses == null || uses < maxUses);
  }
}
