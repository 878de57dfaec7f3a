package dev.parley.domain.event;

import dev.parley.domain.channel.Channel;
import java.util.List;

/** A server channel was renamed, moved or recategorised. */
public record ChannelUpdated(Channel channel) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.server(channel.serverId()));
  }
}
