package dev.parley.domain.event;

import dev.parley.domain.message.PostedMessage;
import java.util.List;

/** A message was committed; {@code mentionIds} are the users it mentions. */
public record MessageCreated(PostedMessage posted, List<Long> mentionIds)
    implements ChatEvent, ChannelChange {
  public MessageCreated {
    mentionIds = List.copyOf(mentionIds);
  }

  public MessageCreated(PostedMessage posted) {
    this(posted, List.of());
  }

  @Override
  public long channelId() {
    return posted.message().channelId();
  }

  @Override
  public long pos() {
    return posted.message().pos();
  }

  @Override
  public List<Topic> audience() {
    return ChatEvent.channelAudience(posted.message().channelId(), posted.serverId());
  }
}
