package dev.parley.application.service;

import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.service.AccessGuard.ChannelAccess;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.message.Message;

/** A live message a user can see, with their access to its channel. */
record VisibleMessage(Message message, ChannelAccess access) {

  /**
   * The message, or "Message not found" when it is missing, deleted, not in {@code
   * expectedChannelId} (when given) or in a channel the user cannot see: the same answer for all.
   */
  static VisibleMessage require(
      MessageRepository messages,
      AccessGuard guard,
      long userId,
      long messageId,
      Long expectedChannelId) {
    Message message =
        messages
            .findById(messageId)
            .filter(m -> !m.isDeleted())
            .filter(m -> expectedChannelId == null || m.channelId() == expectedChannelId)
            .orElseThrow(() -> new NotFound("Message not found"));
    try {
      return new VisibleMessage(
          message, guard.requireChannel(userId, message.channelId(), ChannelExpectation.ANY));
    } catch (NotFound invisible) {
      throw new NotFound("Message not found");
    }
  }
}
