package dev.parley.domain.event;

import java.util.List;

/**
 * A login session ended (logout, refresh-token reuse) or all of a user's sessions did (password
 * change, deactivation, {@code sessionId} null): the sockets opened with them must close.
 */
public record SessionEnded(long userId, String sessionId) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.user(userId));
  }

  /** Whether a connection opened under {@code session} is ended by this event. */
  public boolean ends(String session) {
    return sessionId == null || sessionId.equals(session);
  }
}
