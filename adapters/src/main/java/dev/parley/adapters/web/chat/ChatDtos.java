package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.support.Ids;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.application.port.out.MembershipRepository.Member;
import dev.parley.application.port.out.ReadStateRepository.ChannelState;
import dev.parley.application.port.out.ServerRepository.ServerWithRole;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.message.ReactionCount;
import dev.parley.domain.server.Server;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;

/**
 * Wire shapes of the native REST API (seeds 000/001). Servers, channels and members are snake_case
 * like the seeds' backends; a message has the same camelCase shape on REST and on the socket's
 * {@code new_message}, so clients handle both alike.
 */
public final class ChatDtos {
  private ChatDtos() {}

  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Body of {@code POST /chat/servers} (and seed 003's {@code POST /servers}). */
  @Serdeable
  public record CreateServerRequest(String name, String description, String icon) {
    public CreateServerCommand toCommand(long ownerId) {
      return new CreateServerCommand(ownerId, name, description, icon);
    }
  }

  /** Body of a channel creation; {@code type} is TEXT (default) or VOICE. */
  @Serdeable
  public record CreateChannelRequest(
      String name, String type, String description, String category, Integer position) {
    public CreateChannelCommand toCommand(long actorId, long serverId) {
      return new CreateChannelCommand(
          actorId,
          serverId,
          name,
          ChannelKind.parseServerKind(type),
          description,
          category,
          position);
    }
  }

  /** Body of {@code POST /chat/servers/{id}/members}: a user id or a username. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record AddMemberRequest(Long userId, String username, String role) {}

  /**
   * Body of a REST send; {@code content} is accepted as an alias of {@code text}, which may be
   * empty when {@code attachment_ids} names files.
   */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record SendMessageRequest(
      String text, String content, String nonce, Long replyTo, List<JsonNode> attachmentIds) {

    /** The send this body asks for; the body's nonce wins over an {@code Idempotency-Key}. */
    public SendMessageCommand toCommand(
        long userId, long channelId, ChannelExpectation expected, String idempotencyKey) {
      List<Long> attachments = Ids.list(attachmentIds, "attachment_ids");
      return new SendMessageCommand(
          userId,
          channelId,
          expected,
          SendMessageCommand.text(text != null ? text : content, attachments),
          nonce != null ? nonce : idempotencyKey,
          replyTo,
          attachments);
    }

    /** 201 for a new message, 200 when the nonce returned the first one. */
    public static HttpResponse<MessageDto> answer(SendResult result) {
      return HttpResponse.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
          .body(MessageDto.from(result.posted()));
    }
  }

  /** A server, with the caller's role when listed for them. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ServerDto(
      long id,
      String name,
      String description,
      String icon,
      Long ownerId,
      boolean isPublic,
      String createdAt,
      String role,
      long unreadCount,
      long mentionCount) {
    public static ServerDto from(Server s, String role) {
      return new ServerDto(
          s.id(),
          s.name(),
          s.description(),
          s.icon(),
          s.ownerId(),
          s.isPublic(),
          time(s.createdAt()),
          role,
          0,
          0);
    }

    /** With the caller's unread and mention totals over the server's channels. */
    public ServerDto withCounts(List<ChannelState> channels) {
      return new ServerDto(
          id,
          name,
          description,
          icon,
          ownerId,
          isPublic,
          createdAt,
          role,
          channels.stream().mapToLong(ChannelState::unread).sum(),
          channels.stream().mapToLong(ChannelState::mentions).sum());
    }

    public static ServerDto from(ServerWithRole s) {
      return from(s.server(), s.role().name());
    }
  }

  /** A server channel. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ChannelDto(
      long id,
      Long serverId,
      String name,
      String type,
      String description,
      String category,
      int position,
      long lastSeq,
      String createdAt,
      long lastReadSeq,
      long unreadCount,
      long mentionCount) {
    public static ChannelDto from(Channel c) {
      return from(c, null);
    }

    /** With the caller's read position and counts, when known. */
    public static ChannelDto from(Channel c, ChannelState state) {
      return new ChannelDto(
          c.id(),
          c.serverId(),
          c.name(),
          c.kind().name(),
          c.description(),
          c.category(),
          c.position(),
          c.lastSeq(),
          time(c.createdAt()),
          state == null ? 0 : state.lastReadSeq(),
          state == null ? 0 : state.unread(),
          state == null ? 0 : state.mentions());
    }
  }

  /** A server member. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record MemberDto(
      long serverId,
      long userId,
      String username,
      String role,
      String joinedAt,
      String timeoutUntil,
      String presence) {
    public static MemberDto from(Member m) {
      return from(m, null);
    }

    public static MemberDto from(Member m, String presence) {
      return new MemberDto(
          m.membership().serverId(),
          m.membership().userId(),
          m.username(),
          m.membership().role().name(),
          time(m.membership().joinedAt()),
          time(m.membership().timeoutUntil()),
          presence);
    }
  }

  /** A message, as history returns it and as {@code new_message} carries it. */
  @Serdeable
  public record MessageDto(
      long id,
      String user,
      long userId,
      String text,
      String timestamp,
      Long serverId,
      long channelId,
      long seq,
      Long replyTo,
      String editedAt,
      boolean deleted,
      List<ReactionDto> reactions,
      List<AttachmentDto> attachments) {
    public static MessageDto from(PostedMessage posted) {
      return from(posted, List.of(), 0);
    }

    /** With reactions; {@code me} marks the ones {@code viewerId} made. */
    public static MessageDto from(PostedMessage posted, List<ReactionCount> counts, long viewerId) {
      Message m = posted.message();
      return new MessageDto(
          m.id(),
          posted.authorName(),
          m.authorId(),
          m.content(),
          time(m.createdAt()),
          posted.serverId(),
          m.channelId(),
          m.seq(),
          m.replyToId(),
          time(m.editedAt()),
          m.isDeleted(),
          counts.stream().map(c -> ReactionDto.from(c, viewerId)).toList(),
          posted.attachments().stream().map(AttachmentDto::from).toList());
    }
  }

  /**
   * An uploaded file, as upload and {@code meta} return it and as messages list it; {@code url}
   * downloads it. {@code message_id} is null until a message carries it. One snake_case shape
   * everywhere, also inside the camelCase message.
   */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record AttachmentDto(
      long id,
      String filename,
      String contentType,
      long size,
      String url,
      long channelId,
      long uploaderId,
      Long messageId,
      String sha256,
      String createdAt) {
    public static AttachmentDto from(Attachment a) {
      return new AttachmentDto(
          a.id(),
          a.filename(),
          a.contentType(),
          a.size(),
          "/chat/attachments/" + a.id(),
          a.channelId(),
          a.uploaderId(),
          a.messageId(),
          a.sha256(),
          time(a.createdAt()));
    }
  }

  /** An emoji's reactions on a message. */
  @Serdeable
  public record ReactionDto(String emoji, int count, List<Long> userIds, boolean me) {
    static ReactionDto from(ReactionCount count, long viewerId) {
      return new ReactionDto(
          count.emoji(), count.count(), count.userIds(), count.userIds().contains(viewerId));
    }
  }
}
