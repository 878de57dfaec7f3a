package dev.parley.adapters.web.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.adapters.web.chat.ChatDtos.AttachmentDto;
import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.chat.ChatDtos.ThreadDto;
import dev.parley.adapters.web.socket.EventEncoder;
import dev.parley.adapters.web.socket.Frames;
import dev.parley.adapters.web.wire.ServerDtos.ChannelDto;
import dev.parley.adapters.web.wire.ServerDtos.ServerDto;
import dev.parley.application.port.in.ResumeUseCase;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.domain.channel.ChannelState;
import dev.parley.domain.event.ChannelCreated;
import dev.parley.domain.event.ChannelDeleted;
import dev.parley.domain.event.ChannelPresence;
import dev.parley.domain.event.ChannelUpdated;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.ConversationCreated;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.event.MemberUpdated;
import dev.parley.domain.event.MentionCreated;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.PinChanged;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.event.ReadStateChanged;
import dev.parley.domain.event.ServerDeleted;
import dev.parley.domain.event.ServerUpdated;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.event.ThreadCreated;
import dev.parley.domain.event.TypingChanged;
import dev.parley.domain.message.Message;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The native gateway's server-to-client frames (seed 000 names, plus Parley's additions). */
final class NativeFrames implements EventEncoder {
  // Channel presence is a seed 002 notice (the native surface has presence_update); a session's
  // end closes its sockets rather than reaching them as a frame.
  private static final Set<Class<? extends ChatEvent>> NOT_SHOWN =
      Set.of(ChannelPresence.class, SessionEnded.class);

  private final Frames frames;

  NativeFrames(Frames frames) {
    this.frames = frames;
  }

  /** First frame on every connection. */
  @Serdeable
  record Connected(
      String type,
      String message,
      @JsonProperty("user_id") long userId,
      String username,
      @JsonProperty("heartbeat_interval") long heartbeatIntervalMs,
      @JsonProperty("resume_pending") boolean resumePending) {}

  /** A message changed by its author. */
  @Serdeable
  record MessageUpdated(
      String type,
      long id,
      String user,
      long userId,
      String text,
      String editedAt,
      Long serverId,
      long channelId,
      long seq,
      long pos,
      boolean bot,
      Long webhookId) {}

  /** A message was deleted; it keeps its seq. */
  @Serdeable
  record MessageDeletedFrame(
      String type, long id, Long serverId, long channelId, long seq, long deletedBy, long pos) {}

  /** A reaction was added or removed; {@code count} is the emoji's new total. */
  @Serdeable
  record ReactionFrame(
      String type,
      long messageId,
      Long serverId,
      long channelId,
      String emoji,
      long userId,
      String username,
      int count,
      long pos) {}

  /** A message was pinned or unpinned; {@code userId} did it. */
  @Serdeable
  record PinFrame(
      String type,
      long messageId,
      Long serverId,
      long channelId,
      long userId,
      String username,
      String at,
      long pos) {}

  /** A conversation the user takes part in was created. */
  @Serdeable
  record ConversationCreatedFrame(
      String type, long channelId, String kind, String name, List<Long> participantIds) {}

  /** A status someone announced. */
  @Serdeable
  record PresenceFrame(String type, long userId, String username, String status) {}

  /**
   * A channel not replayed: page {@code after_seq=fromSeq} instead ({@code reason} {@code
   * gap_too_large}), or reload it whole ({@code cursor_ahead}, {@code fromSeq} 0).
   */
  @Serdeable
  record Resync(
      String type,
      long channelId,
      Long serverId,
      long fromSeq,
      long lastSeq,
      long fromPos,
      long lastPos,
      String reason) {}

  /** The end of a replay; live events follow. */
  @Serdeable
  record Resumed(String type, List<ChannelState> channels, List<Long> resync, List<Long> unknown) {}

  /** How far a resumed channel now is. */
  @Serdeable
  record ChannelState(long channelId, long lastSeq, long lastPos, int replayed) {}

  /** The answer to a client heartbeat. */
  @Serdeable
  record HeartbeatAck(String type, long serverTime) {}

  /** A committed message, with the fields of {@link MessageDto}. */
  @Serdeable
  record NewMessage(
      String type,
      long id,
      String user,
      long userId,
      String text,
      String timestamp,
      Long serverId,
      long channelId,
      long seq,
      long pos,
      Long replyTo,
      List<Long> mentions,
      List<AttachmentDto> attachments,
      boolean bot,
      Long webhookId) {
    static NewMessage from(MessageDto m, long pos, List<Long> mentions) {
      return new NewMessage(
          "new_message",
          m.id(),
          m.user(),
          m.userId(),
          m.text(),
          m.timestamp(),
          m.serverId(),
          m.channelId(),
          m.seq(),
          pos,
          m.replyTo(),
          mentions,
          m.attachments(),
          m.bot(),
          m.webhookId());
    }
  }

  /** The recipient was mentioned: sent to them wherever they are looking. */
  @Serdeable
  record Mention(String type, MessageDto message) {}

  /** The recipient's read position in a channel moved (from another of their devices). */
  @Serdeable
  record ReadState(String type, long channelId, long lastReadSeq) {}

  /** A server's name, description or icon changed. */
  @Serdeable
  record ServerUpdatedFrame(String type, long serverId, ServerDto server) {}

  /** A channel changed. */
  @Serdeable
  record ChannelUpdatedFrame(String type, long serverId, ChannelDto channel) {}

  /** A channel was deleted. */
  @Serdeable
  record ChannelDeletedFrame(String type, long serverId, long channelId) {}

  /** A member's role or timeout changed. */
  @Serdeable
  record MemberUpdatedFrame(
      String type, long serverId, long userId, String username, String role, String timeoutUntil) {}

  /** {@code typing_start} / {@code typing_stop}. */
  @Serdeable
  record Typing(String type, String username, long userId, Long serverId, long channelId) {}

  /** The sender's confirmation that a message is committed. */
  @Serdeable
  record MessageAck(
      String type,
      String nonce,
      long id,
      Long serverId,
      long channelId,
      long seq,
      long pos,
      String timestamp,
      boolean duplicate) {}

  /** Someone joined a server the recipient belongs to (or the recipient joined one). */
  @Serdeable
  record MemberJoinedFrame(
      String type, long serverId, long userId, String username, String role, boolean bot) {}

  /** Someone left or was removed from a server. */
  @Serdeable
  record MemberLeftFrame(String type, long serverId, long userId, String username, String reason) {}

  /** A channel was added to a server. */
  @Serdeable
  record ChannelCreatedFrame(String type, long serverId, ChannelDto channel) {}

  /** A thread was started on a message of one of the server's channels. */
  @Serdeable
  record ThreadCreatedFrame(String type, Long serverId, ThreadDto thread) {}

  /** A server was deleted. */
  @Serdeable
  record ServerDeletedFrame(String type, long serverId) {}

  String connected(long userId, String username, long heartbeatIntervalMs, boolean resumePending) {
    return frames.write(
        new Connected(
            "connected",
            "Connected to Parley",
            userId,
            username,
            heartbeatIntervalMs,
            resumePending));
  }

  String heartbeatAck() {
    return frames.write(new HeartbeatAck("heartbeat_ack", System.currentTimeMillis()));
  }

  /** A replayed change, as the live event announced it. */
  String replayed(ChatEvent event) {
    return frame(event);
  }

  String resync(ResumeUseCase.Resync r) {
    return frames.write(
        new Resync(
            "resync",
            r.channelId(),
            r.serverId(),
            r.fromSeq(),
            r.lastSeq(),
            r.fromPos(),
            r.lastPos(),
            r.reason().name().toLowerCase(Locale.ROOT)));
  }

  String resumed(ResumeUseCase.Result result) {
    return frames.write(
        new Resumed(
            "resumed",
            result.replays().stream()
                .map(
                    r ->
                        new ChannelState(
                            r.channelId(), r.lastSeq(), r.lastPos(), r.events().size()))
                .toList(),
            result.resyncs().stream().map(ResumeUseCase.Resync::channelId).toList(),
            result.unknown()));
  }

  String ack(SendResult result, String nonce) {
    Message m = result.posted().message();
    return frames.write(
        new MessageAck(
            "message_ack",
            nonce,
            m.id(),
            result.posted().serverId(),
            m.channelId(),
            m.seq(),
            m.pos(),
            m.createdAt().toString(),
            result.duplicate()));
  }

  @Override
  public String surface() {
    return "native";
  }

  @Override
  public Set<Class<? extends ChatEvent>> notShown() {
    return NOT_SHOWN;
  }

  @Override
  public String frame(ChatEvent event) {
    Object frame;
    if (event instanceof MessageCreated created) {
      frame =
          NewMessage.from(MessageDto.from(created.posted()), created.pos(), created.mentionIds());
    } else if (event instanceof MentionCreated mention) {
      frame = new Mention("mention", MessageDto.from(mention.posted()));
    } else if (event instanceof ReadStateChanged read) {
      frame = new ReadState("read_state", read.channelId(), read.lastReadSeq());
    } else if (event instanceof ServerUpdated updated) {
      frame =
          new ServerUpdatedFrame(
              "server_updated", updated.server().id(), ServerDto.from(updated.server(), null));
    } else if (event instanceof ChannelUpdated updated) {
      frame =
          new ChannelUpdatedFrame(
              "channel_updated", updated.channel().serverId(), ChannelDto.from(updated.channel()));
    } else if (event instanceof ChannelDeleted deleted) {
      frame = new ChannelDeletedFrame("channel_deleted", deleted.serverId(), deleted.channelId());
    } else if (event instanceof MemberUpdated updated) {
      frame =
          new MemberUpdatedFrame(
              "member_updated",
              updated.membership().serverId(),
              updated.membership().userId(),
              updated.username(),
              updated.membership().role().name(),
              ChatDtos.time(updated.membership().timeoutUntil()));
    } else if (event instanceof TypingChanged t) {
      frame =
          new Typing(
              t.typing() ? "typing_start" : "typing_stop",
              t.username(),
              t.userId(),
              t.serverId(),
              t.channelId());
    } else if (event instanceof MemberJoined j) {
      frame =
          new MemberJoinedFrame(
              "member_joined", j.serverId(), j.userId(), j.username(), j.role().name(), j.bot());
    } else if (event instanceof MemberLeft l) {
      frame =
          new MemberLeftFrame(
              "member_left", l.serverId(), l.userId(), l.username(), l.reason().name());
    } else if (event instanceof ChannelCreated c) {
      frame =
          new ChannelCreatedFrame(
              "channel_created", c.channel().serverId(), ChannelDto.from(c.channel()));
    } else if (event instanceof ThreadCreated t) {
      frame =
          new ThreadCreatedFrame(
              "thread_created", t.thread().serverId(), ThreadDto.from(t.thread(), null));
    } else if (event instanceof ServerDeleted d) {
      frame = new ServerDeletedFrame("server_deleted", d.serverId());
    } else if (event instanceof MessageEdited edited) {
      Message m = edited.posted().message();
      frame =
          new MessageUpdated(
              "message_updated",
              m.id(),
              edited.posted().authorName(),
              m.authorId(),
              m.content(),
              m.editedAt().toString(),
              edited.posted().serverId(),
              m.channelId(),
              m.seq(),
              edited.pos(),
              edited.posted().authorBot(),
              edited.posted().webhookId());
    } else if (event instanceof MessageDeleted d) {
      frame =
          new MessageDeletedFrame(
              "message_deleted",
              d.messageId(),
              d.serverId(),
              d.channelId(),
              d.seq(),
              d.deletedBy(),
              d.pos());
    } else if (event instanceof ReactionChanged r) {
      frame =
          new ReactionFrame(
              r.added() ? "reaction_added" : "reaction_removed",
              r.messageId(),
              r.serverId(),
              r.channelId(),
              r.emoji(),
              r.userId(),
              r.username(),
              r.count(),
              r.pos());
    } else if (event instanceof PinChanged p) {
      frame =
          new PinFrame(
              p.pinned() ? "message_pinned" : "message_unpinned",
              p.messageId(),
              p.serverId(),
              p.channelId(),
              p.userId(),
              p.username(),
              p.at().toString(),
              p.pos());
    } else if (event instanceof ConversationCreated c) {
      frame =
          new ConversationCreatedFrame(
              "conversation_created",
              c.channel().id(),
              c.channel().kind().name(),
              c.channel().name(),
              c.participantIds());
    } else if (event instanceof StatusChanged s) {
      frame = new PresenceFrame("presence_update", s.userId(), s.username(), s.status());
    } else {
      throw EventEncoder.unhandled(surface(), event);
    }
    return frames.write(frame);
  }
}
