package dev.parley.application.port.in;

import dev.parley.domain.message.MessageText;

/**
 * Input of {@link EditMessageUseCase}. When a surface is scoped to one channel, {@code
 * expectedChannelId} must be the message's channel.
 */
public record EditMessageCommand(
    long userId, long messageId, MessageText text, Long expectedChannelId) {

  /** An edit of a message wherever it is (the caller names no channel). */
  public static EditMessageCommand of(long userId, long messageId, MessageText text) {
    return new EditMessageCommand(userId, messageId, text, null);
  }

  /** An edit through a surface scoped to one channel, which must be the message's. */
  public static EditMessageCommand inChannel(
      long userId, long messageId, MessageText text, long channelId) {
    return new EditMessageCommand(userId, messageId, text, channelId);
  }
}
