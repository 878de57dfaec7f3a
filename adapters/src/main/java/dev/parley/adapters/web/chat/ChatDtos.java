package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.support.Ids;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.message.ReactionCount;
import dev.parley.domain.server.Member;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;

/**
 * Wire shapes of the native REST API (seeds 000/001). Members are snake_case like the seeds'
 * backends (servers and channels too, in {@link dev.parley.adapters.web.wire.ServerDtos}, which
 * seed 003 shares); a message has the same camelCase shape on REST and on the socket's {@code
 * new_message}, so clients handle both alike.
 */
public final class ChatDtos {
  private ChatDtos() {}

  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
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

  /** A server member. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record MemberDto(
      long serverId,
      long userId,
      String username,
      String role,
      String joinedAt,
      String timeoutUntil,
      String presence,
      boolean bot) {
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
          presence,
          m.bot());
    }
  }

  /**
   * A page of history as the native surface shows it, oldest first: each message with its reactions
   * ({@code me} for the caller's) and the thread it started.
   */
  public static List<MessageDto> historyPage(
      ReadHistoryUseCase history,
      long userId,
      long channelId,
      ChannelExpectation expected,
      Integer limit,
      ReadHistoryQuery.Cursor cursor) {
    return history
        .readWithReactions(ReadHistoryQuery.page(userId, channelId, expected, limit, cursor))
        .stream()
        .map(e -> MessageDto.from(e.posted(), e.reactions(), userId, e.thread()))
        .toList();
  }

  /**
   * A message, as history returns it and as {@code new_message} carries it; {@code webhookId} names
   * the incoming webhook that posted it (null otherwise).
   */
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
      List<AttachmentDto> attachments,
      boolean bot,
      Long webhookId,
      ThreadDto thread) {
    public static MessageDto from(PostedMessage posted) {
      return from(posted, List.of(), 0);
    }

    /** With reactions; {@code me} marks the ones {@code viewerId} made. */
    public static MessageDto from(PostedMessage posted, List<ReactionCount> counts, long viewerId) {
      return from(posted, counts, viewerId, null);
    }

    /** With reactions and the thread the message started ({@code thread} may be null). */
    public static MessageDto from(
        PostedMessage posted, List<ReactionCount> counts, long viewerId, MessageThread thread) {
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
          posted.attachments().stream().map(AttachmentDto::from).toList(),
          posted.authorBot(),
          posted.webhookId(),
          thread == null ? null : ThreadDto.from(thread, null));
    }
  }

  /**
   * A thread: its own channel ({@code id}, used wherever a channel id goes) branching from {@code
   * messageId} in {@code channelId}. {@code replyCount} counts its messages not deleted; {@code
   * following} is the caller's (null where the thread is shown to many, as on a parent message).
   */
  @Serdeable
  public record ThreadDto(
      long id,
      Long serverId,
      long channelId,
      long messageId,
      String name,
      long createdBy,
      String createdAt,
      long replyCount,
      String lastReplyAt,
      long lastSeq,
      Boolean following) {
    public static ThreadDto from(MessageThread t, Boolean following) {
      return new ThreadDto(
          t.id(),
          t.serverId(),
          t.parentChannelId(),
          t.parentMessageId(),
          t.name(),
          t.createdBy(),
          time(t.createdAt()),
          t.replies(),
          time(t.lastReplyAt()),
          t.lastSeq(),
          following);
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
