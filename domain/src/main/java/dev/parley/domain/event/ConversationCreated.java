package dev.parley.domain.event;

import dev.parley.domain.channel.Channel;
import java.util.List;

/** A DM or group conversation was created; its participants' connections start following it. */
public record ConversationCreated(Channel channel, List<Long> participantIds) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.channel(channel.id()));
  }
}
