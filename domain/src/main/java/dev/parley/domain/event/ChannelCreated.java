package dev.parley.domain.event;

import dev.parley.domain.channel.Channel;
import java.util.List;

/** A channel was added to a server. */
public record ChannelCreated(Channel channel) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(channel.serverId()));
  }
}
