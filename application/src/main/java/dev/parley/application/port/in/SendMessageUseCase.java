package dev.parley.application.port.in;

import dev.parley.domain.message.PostedMessage;

/** Posts a message: authorised, validated, stored with its seq, then published. */
public interface SendMessageUseCase {

  /** The stored message; {@code duplicate} when a retried nonce returned an earlier one. */
  record SendResult(PostedMessage posted, boolean duplicate) {}

  SendResult send(SendMessageCommand command);
}
