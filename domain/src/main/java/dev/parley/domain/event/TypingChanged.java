package dev.parley.domain.event;

import java.util.List;

/** A user started or stopped typing in a channel; never stored. */
public record TypingChanged(
    long channelId, Long serverId, long userId, String username, boolean typing)
    implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(channelId, serverId);
  }

  @Override
  public boolean droppable() {
    return true;
  }
}
