package dev.parley.domain.event;

import dev.parley.domain.message.PostedMessage;
import java.util.List;

/** A message was committed. */
public record MessageCreated(PostedMessage posted) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(posted.message().channelId(), posted.serverId());
  }
}
