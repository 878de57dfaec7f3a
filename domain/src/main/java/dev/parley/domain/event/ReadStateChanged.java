package dev.parley.domain.event;

import java.util.List;

/** A user read a channel up to a seq; their other connections update their badges. */
public record ReadStateChanged(long userId, long channelId, long lastReadSeq) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.user(userId));
  }
}
