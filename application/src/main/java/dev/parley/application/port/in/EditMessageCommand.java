package dev.parley.application.port.in;

import dev.parley.domain.message.MessageText;

/**
 * Input of {@link EditMessageUseCase}. When a surface is scoped to one channel, {@code
 * expectedChannelId} must be the message's channel.
 */
public record EditMessageCommand(
    long userId, long messageId, MessageText text, Long expectedChannelId) {}
