package dev.parley.domain.event;

import dev.parley.domain.message.PostedMessage;
import java.util.List;

/**
 * A message's text was changed by its author; {@code pos} is the edit's place in the change log.
 */
public record MessageEdited(PostedMessage posted, long pos) implements ChatEvent, ChannelChange {
  @Override
  public long channelId() {
    return posted.message().channelId();
  }

  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(posted.message().channelId(), posted.serverId());
  }
}
