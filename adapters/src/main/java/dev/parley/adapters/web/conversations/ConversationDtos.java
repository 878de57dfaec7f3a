package dev.parley.adapters.web.conversations;

import dev.parley.application.port.in.Conversation;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/** Wire shapes of seed 002's conversation surface; ids are strings, as that seed shows. */
final class ConversationDtos {
  private ConversationDtos() {}

  static String str(long id) {
    return Long.toString(id);
  }

  /** Body of {@code POST /api/chat/conversations}; participant ids as strings or numbers. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record CreateRequest(
      String name, String description, Boolean isGroup, List<JsonNode> participantIds) {}

  /** A conversation. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record ConversationDto(
      String id,
      String name,
      String description,
      boolean isGroup,
      String createdAt,
      String updatedAt,
      List<String> participantIds) {
    static ConversationDto from(Conversation conversation) {
      Channel c = conversation.channel();
      return new ConversationDto(
          str(c.id()),
          c.name(),
          c.description(),
          c.kind() == ChannelKind.GROUP,
          c.createdAt().toString(),
          c.updatedAt().toString(),
          conversation.participantIds().stream().map(ConversationDtos::str).toList());
    }
  }

  /** A message of a conversation's history. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record MessageDto(
      String id,
      String conversationId,
      String senderId,
      String senderUsername,
      String content,
      boolean isEdited,
      String createdAt,
      String updatedAt,
      long seq,
      boolean senderIsBot,
      String webhookId) {
    static MessageDto from(PostedMessage posted) {
      Message m = posted.message();
      return new MessageDto(
          str(m.id()),
          str(m.channelId()),
          str(m.authorId()),
          posted.authorName(),
          m.content(),
          m.isEdited(),
          m.createdAt().toString(),
          (m.isEdited() ? m.editedAt() : m.createdAt()).toString(),
          m.seq(),
          posted.authorBot(),
          posted.webhookId() == null ? null : str(posted.webhookId()));
    }
  }
}
