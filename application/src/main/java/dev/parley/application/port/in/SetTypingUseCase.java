package dev.parley.application.port.in;

/** Announces that the caller started or stopped typing in a channel they can see. */
public interface SetTypingUseCase {
  void setTyping(long userId, long channelId, Long expectedServerId, boolean typing);
}
