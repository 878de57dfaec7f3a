package dev.parley.domain.event;

import dev.parley.domain.server.Role;
import java.util.List;

/** A user became a member of a server; their connections start following it. */
public record MemberJoined(long serverId, long userId, String username, Role role)
    implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(serverId));
  }
}
