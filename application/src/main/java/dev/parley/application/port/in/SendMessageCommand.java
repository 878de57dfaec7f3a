package dev.parley.application.port.in;

import dev.parley.domain.message.MessageText;
import dev.parley.domain.message.Nonce;

/**
 * Input of {@link SendMessageUseCase}. {@code expectedServerId}, when a surface names the server
 * too, must be the channel's server. A repeated {@code nonce} returns the first message.
 */
public record SendMessageCommand(
    long userId,
    long channelId,
    Long expectedServerId,
    MessageText text,
    String nonce,
    Long replyToId) {

  public SendMessageCommand {
    nonce = Nonce.valid(nonce);
  }

  public static SendMessageCommand of(
      long userId, long channelId, Long expectedServerId, String text, String nonce) {
    return new SendMessageCommand(
        userId, channelId, expectedServerId, new MessageText(text), nonce, null);
  }
}
