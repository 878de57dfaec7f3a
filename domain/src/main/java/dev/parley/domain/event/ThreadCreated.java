package dev.parley.domain.event;

import dev.parley.domain.channel.MessageThread;
import java.util.List;

/**
 * A thread was started on a message; everyone who sees the parent channel is told. A conversation's
 * thread names the conversation's participants, whose connections start following it (a server's
 * members follow the server, which carries its threads).
 */
public record ThreadCreated(MessageThread thread, List<Long> participantIds) implements ChatEvent {
  public ThreadCreated {
    participantIds = List.copyOf(participantIds);
  }

  /** A server channel's thread. */
  public ThreadCreated(MessageThread thread) {
    this(thread, List.of());
  }

  @Override
  public List<Topic> audience() {
    return thread.serverId() == null
        ? List.of(Topic.channel(thread.parentChannelId()))
        : List.of(Topic.server(thread.serverId()));
  }
}
