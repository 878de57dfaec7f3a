package dev.parley.domain.event;

import dev.parley.domain.message.PostedMessage;
import java.util.List;

/** A message's text was changed by its author. */
public record MessageEdited(PostedMessage posted) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(posted.message().channelId(), posted.serverId());
  }
}
