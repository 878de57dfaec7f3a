package dev.parley.domain.event;

import dev.parley.domain.server.Server;
import java.util.List;

/** A server's name, description or icon changed. */
public record ServerUpdated(Server server) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(server.id()));
  }
}
