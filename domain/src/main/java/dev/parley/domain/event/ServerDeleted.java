package dev.parley.domain.event;

import java.util.List;

/** A server and all its channels are gone; every connection stops following them. */
public record ServerDeleted(long serverId, String name) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(serverId));
  }
}
