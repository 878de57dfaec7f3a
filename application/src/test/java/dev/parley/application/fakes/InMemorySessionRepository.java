package dev.parley.application.fakes;

import dev.parley.application.port.out.SessionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link SessionRepository} for use-case tests and the port's contract test. */
public class InMemorySessionRepository implements SessionRepository {
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Map<String, List<String>> retired = new ConcurrentHashMap<>();

  @Override
  public void create(Session session) {
    if (byId.putIfAbsent(session.id(), session) != null) {
      throw new IllegalStateException("duplicate session " + session.id());
    }
  }

  @Override
  public Optional<Session> findById(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized boolean rotate(String id, String expectedHash, String newHash) {
    Session s = byId.get(id);
    if (s == null || s.revokedAt() != null || !s.refreshHash().equals(expectedHash)) {
      return false;
    }
    byId.put(id, new Session(id, s.userId(), newHash, s.createdAt(), s.expiresAt(), null));
    retired.computeIfAbsent(id, k -> new ArrayList<>()).add(expectedHash);
    return true;
  }

  @Override
  public synchronized List<String> retiredHashes(String id) {
    return List.copyOf(retired.getOrDefault(id, List.of()));
  }

  @Override
  public synchronized void revoke(String id, Instant at) {
    Session s = byId.get(id);
    if (s != null && s.revokedAt() == null) {
      byId.put(id, revoked(s, at));
    }
  }

  @Override
  public synchronized List<String> revokeAllOf(long userId, Instant at) {
    List<String> ids = new ArrayList<>();
    for (Session s : List.copyOf(byId.values())) {
      if (s.userId() == userId && s.revokedAt() == null) {
        byId.put(s.id(), revoked(s, at));
        ids.add(s.id());
      }
    }
    return ids;
  }

  private static Session revoked(Session s, Instant at) {
    return new Session(s.id(), s.userId(), s.refreshHash(), s.createdAt(), s.expiresAt(), at);
  }
}
