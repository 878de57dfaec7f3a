package dev.parley.domain.event;

import dev.parley.domain.server.Membership;
import java.util.List;

/** A member's role or timeout changed. */
public record MemberUpdated(Membership membership, String username) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(membership.serverId()));
  }
}
