package dev.parley.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Login sessions: one per login, holding the hash of its current refresh token (never the token).
 * Refresh tokens name their session; the hashes of the tokens it already exchanged are kept, so a
 * replayed old token is told apart from a made-up one.
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
   * The session as a request's session check needs it: its owner and expiry, when it exists and is
   * not revoked. A store may answer this from memory as long as every revocation reaches it (unlike
   * {@link #findById}, whose refresh hash must be current).
   */
  default Optional<Standing> standing(String id) {
    return findById(id)
        .filter(s -> s.revokedAt() == null)
        .map(s -> new Standing(s.userId(), s.expiresAt()));
  }

  /** An unrevoked session's owner and expiry. */
  record Standing(long userId, Instant expiresAt) {

    public boolean isLive(Instant now) {
      return now.isBefore(expiresAt);
    }
  }

  /**
   * Replaces the refresh hash if it is still {@code expectedHash} and keeps {@code expectedHash}
   * among the session's retired hashes; false when another refresh won the race.
   */
  boolean rotate(String id, String expectedHash, String newHash);

  /** The hashes of the refresh tokens the session has already exchanged. */
  List<String> retiredHashes(String id);

  void revoke(String id, Instant at);

  /** Revokes every live session of the user; returns their ids. */
  List<String> revokeAllOf(long userId, Instant at);
}
