package dev.parley.domain.event;

import dev.parley.domain.server.Role;
import java.util.List;

/** A user (or a bot) became a member of a server; their connections start following it. */
public record MemberJoined(long serverId, long userId, String username, Role role, boolean bot)
    implements ChatEvent {

  /** A person joined. */
  public MemberJoined(long serverId, long userId, String username, Role role) {
    this(serverId, userId, username, role, false);
  }

  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(serverId));
  }
}
