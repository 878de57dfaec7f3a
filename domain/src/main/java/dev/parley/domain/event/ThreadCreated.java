package dev.parley.domain.event;

import dev.parley.domain.channel.MessageThread;
import java.util.List;

/** A thread was started on a message; everyone who sees the parent channel is told. */
public record ThreadCreated(MessageThread thread) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(thread.serverId()));
  }
}
