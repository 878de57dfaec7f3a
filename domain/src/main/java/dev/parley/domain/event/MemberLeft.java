package dev.parley.domain.event;

import java.util.List;

/** A user stopped being a member of a server; their connections stop following it at once. */
public record MemberLeft(long serverId, long userId, String username, Reason reason)
    implements ChatEvent {

  /** Why the membership ended. */
  public enum Reason {
    LEFT,
    REMOVED,
    KICKED,
    BANNED
  }

  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(serverId));
  }
}
