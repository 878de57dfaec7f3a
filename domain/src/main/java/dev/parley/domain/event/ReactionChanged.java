package dev.parley.domain.event;

import java.util.List;

/** A user added or removed a reaction; {@code count} is the emoji's new total on the message. */
public record ReactionChanged(
    long channelId,
    Long serverId,
    long messageId,
    long userId,
    String username,
    String emoji,
    boolean added,
    int count,
    long pos)
    implements ChatEvent, ChannelChange {
  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(channelId, serverId);
  }
}
