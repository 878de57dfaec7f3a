package dev.parley.application.port.in;

import dev.parley.domain.message.PostedMessage;
import java.util.concurrent.CompletableFuture;

/** Posts a message: authorised, validated, stored with its seq, then published. */
public interface SendMessageUseCase {

  /** The stored message; {@code duplicate} when a retried nonce returned an earlier one. */
  record SendResult(PostedMessage posted, boolean duplicate) {}

  /** Stores and announces the message, and returns once both are done. */
  SendResult send(SendMessageCommand command);

  /**
   * Checks the command at once (throwing what {@link #send} throws) and returns while the message
   * is being stored, so a connection's next frame can be checked meanwhile. The future completes
   * once the message is committed and announced; the sends of one channel complete, and are
   * announced, in the order they were made.
   */
  CompletableFuture<SendResult> sendPipelined(SendMessageCommand command);
}
