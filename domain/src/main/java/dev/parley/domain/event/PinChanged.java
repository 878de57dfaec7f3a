package dev.parley.domain.event;

import java.time.Instant;
import java.util.List;

/** A message was pinned to its channel, or unpinned, by {@code userId}. */
public record PinChanged(
    long channelId,
    Long serverId,
    long messageId,
    long userId,
    String username,
    boolean pinned,
    Instant at,
    long pos)
    implements ChatEvent, ChannelChange {
  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(channelId, serverId);
  }
}
