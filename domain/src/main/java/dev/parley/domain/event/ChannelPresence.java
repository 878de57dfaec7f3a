package dev.parley.domain.event;

import java.util.List;

/**
 * A user opened or closed a socket on a channel; {@code activeUserIds} are the users connected to
 * it afterwards. Transient, never stored.
 */
public record ChannelPresence(
    long channelId,
    Long serverId,
    long userId,
    String username,
    boolean joined,
    List<Long> activeUserIds)
    implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(channelId, serverId);
  }
}
