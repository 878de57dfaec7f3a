package dev.parley.application.port.in;

import dev.parley.domain.channel.ChannelExpectation;

/** Announces that the caller started or stopped typing in a channel they can see. */
public interface SetTypingUseCase {
  void setTyping(long userId, long channelId, ChannelExpectation expected, boolean typing);
}
