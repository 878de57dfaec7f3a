package dev.parley.domain.event;

import java.util.List;

/**
 * A user announced a status (online, away, idle, offline...) to the given audience. Best-effort and
 * never stored.
 */
public record StatusChanged(long userId, String username, String status, List<Topic> audience)
    implements ChatEvent {
  public StatusChanged {
    audience = List.copyOf(audience);
  }

  @Override
  public boolean droppable() {
    return true;
  }

  @Override
  public boolean overlappingAudience() {
    return true;
  }
}
