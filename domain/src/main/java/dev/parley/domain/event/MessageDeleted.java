package dev.parley.domain.event;

import java.util.List;

/** A message was deleted; it keeps its seq, its text is gone. */
public record MessageDeleted(
    long channelId,
    Long serverId,
    long messageId,
    long seq,
    long deletedBy,
    String deletedByName,
    long pos)
    implements ChatEvent, ChannelChange {
  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(channelId, serverId);
  }
}
