package dev.parley.application.port.in;

/**
 * Deletes a message: its author may, and in a server so may moderators and admins. {@code
 * expectedChannelId}, when given, must be the message's channel.
 */
public interface DeleteMessageUseCase {
  void delete(long userId, long messageId, Long expectedChannelId);

  /** Deletes a message wherever it is (the caller names no channel). */
  default void delete(long userId, long messageId) {
    delete(userId, messageId, null);
  }
}
