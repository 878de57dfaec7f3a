package dev.parley.domain.event;

import java.util.List;

/** A server channel and its messages are gone; sockets following only it are closed. */
public record ChannelDeleted(long serverId, long channelId) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(serverId), Topic.channel(channelId));
  }
}
