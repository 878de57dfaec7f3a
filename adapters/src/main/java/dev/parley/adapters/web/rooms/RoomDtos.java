package dev.parley.adapters.web.rooms;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Wire shapes of seed 004's rooms surface; ids are numbers (its Swift client decodes Int). */
final class RoomDtos {
  private RoomDtos() {}

  /** Body of {@code POST /api/rooms}. */
  @Serdeable
  record CreateRoomRequest(String name) {}

  /** A room, as the Swift {@code ChatRoom} decodes it. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record RoomDto(long id, String name, String createdAt) {
    static RoomDto from(Channel channel) {
      return new RoomDto(channel.id(), channel.name(), channel.createdAt().toString());
    }
  }

  /**
   * A message, as the Swift {@code ChatMessage} decodes it ({@code type, room_id, sender, message,
   * timestamp}); history and the socket use the same shape.
   */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record MessageDto(
      String type,
      long roomId,
      String sender,
      String message,
      String timestamp,
      long id,
      long senderId,
      long seq,
      boolean senderIsBot,
      Long webhookId) {
    static MessageDto from(PostedMessage posted) {
      Message m = posted.message();
      return new MessageDto(
          "message",
          m.channelId(),
          posted.authorName(),
          m.content(),
          m.createdAt().toString(),
          m.id(),
          m.authorId(),
          m.seq(),
          posted.authorBot(),
          posted.webhookId());
    }
  }

  /** Someone in the room is typing (or stopped). */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record TypingFrame(String type, long roomId, String sender, boolean isTyping) {}
}
