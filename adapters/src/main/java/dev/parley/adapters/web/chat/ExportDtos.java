package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.AttachmentDto;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import dev.parley.domain.user.User;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * The parts of an export document (docs/protocol.md, "Data export"), snake_case throughout. Their
 * own shapes, not the history's, so the export format stays put when the chat API grows.
 */
final class ExportDtos {
  private ExportDtos() {}

  /** The account as stored, without its password hash. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record AccountDto(
      long id,
      String username,
      String displayName,
      String email,
      String createdAt,
      boolean active) {
    static AccountDto from(User u) {
      return new AccountDto(
          u.id(),
          u.username().value(),
          u.displayName(),
          u.email() == null ? null : u.email().value(),
          ChatDtos.time(u.createdAt()),
          u.active());
    }
  }

  /** A server the user belongs to, with their role in it. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record MembershipDto(long serverId, String name, String role, boolean owner) {
    static MembershipDto from(ServerWithRole s, long userId) {
      return new MembershipDto(
          s.server().id(), s.server().name(), s.role().name(), s.server().isOwnedBy(userId));
    }
  }

  /** A server channel or a conversation (DM, GROUP). */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record ChannelDto(
      long id,
      Long serverId,
      String kind,
      String name,
      String description,
      String category,
      int position,
      String createdAt) {
    static ChannelDto from(Channel c) {
      return new ChannelDto(
          c.id(),
          c.serverId(),
          c.kind().name(),
          c.name(),
          c.description(),
          c.category(),
          c.position(),
          ChatDtos.time(c.createdAt()));
    }
  }

  /** Where an exported thread branches from. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record ThreadRefDto(long parentChannelId, long parentMessageId) {
    static ThreadRefDto from(MessageThread t) {
      return new ThreadRefDto(t.parentChannelId(), t.parentMessageId());
    }
  }

  /** The exported server itself. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record ServerDto(
      long id, String name, String description, String icon, Long ownerId, String createdAt) {
    static ServerDto from(Server s) {
      return new ServerDto(
          s.id(), s.name(), s.description(), s.icon(), s.ownerId(), ChatDtos.time(s.createdAt()));
    }
  }

  /**
   * A message. A deleted one keeps its place ({@code deleted: true}) but no text and no files, as
   * everywhere else.
   */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record MessageDto(
      long id,
      long channelId,
      Long serverId,
      long seq,
      long authorId,
      String author,
      String text,
      String createdAt,
      String editedAt,
      boolean deleted,
      Long replyTo,
      List<AttachmentDto> attachments,
      Long webhookId) {
    static MessageDto from(PostedMessage posted) {
      Message m = posted.message();
      return new MessageDto(
          m.id(),
          m.channelId(),
          posted.serverId(),
          m.seq(),
          m.authorId(),
          posted.authorName(),
          m.isDeleted() ? "" : m.content(),
          ChatDtos.time(m.createdAt()),
          ChatDtos.time(m.editedAt()),
          m.isDeleted(),
          m.replyToId(),
          m.isDeleted()
              ? List.of()
              : posted.attachments().stream().map(AttachmentDto::from).toList(),
          posted.webhookId());
    }
  }
}
