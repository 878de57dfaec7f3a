package dev.parley.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Login sessions: one per login, holding the hash of its current refresh token (never the token).
 * Refresh tokens name their session, so any older token of a session is recognised as replayed.
 */
public interface SessionRepository {

  /** A stored session. */
  record Session(
      String id,
      long userId,
      String refreshHash,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt) {

    public boolean isLive(Instant now) {
      return revokedAt == null && now.isBefore(expiresAt);
    }
  }

  void create(Session session);

  Optional<Session> findById(String id);

  /**
   * Replaces the refresh hash if it is still {@code expectedHash}; false when another refresh won
   * the race.
   */
  boolean rotate(String id, String expectedHash, String newHash);

  void revoke(String id, Instant at);

  /** Revokes every live session of the user; returns their ids. */
  List<String> revokeAllOf(long userId, Instant at);
}
