package dev.parley.adapters.web.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.adapters.web.chat.ChatDtos.ChannelDto;
import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.socket.EventEncoder;
import dev.parley.adapters.web.socket.Frames;
import dev.parley.adapters.web.socket.SocketConnection;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.application.realtime.OutboundEvent;
import dev.parley.domain.event.ChannelCreated;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.ServerDeleted;
import dev.parley.domain.event.TypingChanged;
import dev.parley.domain.message.Message;
import io.micronaut.serde.annotation.Serdeable;

/** The native gateway's server-to-client frames (seed 000 names, plus Parley's additions). */
final class NativeFrames implements EventEncoder {
  private static final OutboundEvent.Format<String> FORMAT = OutboundEvent.newFormat();

  private final Frames frames;

  NativeFrames(Frames frames) {
    this.frames = frames;
  }

  /** First frame on every connection. */
  @Serdeable
  record Connected(
      String type, String message, @JsonProperty("user_id") long userId, String username) {}

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
      Long replyTo) {
    static NewMessage from(MessageDto m) {
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
          m.replyTo());
    }
  }

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
      String timestamp,
      boolean duplicate) {}

  /** Someone joined a server the recipient belongs to (or the recipient joined one). */
  @Serdeable
  record MemberJoinedFrame(String type, long serverId, long userId, String username, String role) {}

  /** Someone left or was removed from a server. */
  @Serdeable
  record MemberLeftFrame(String type, long serverId, long userId, String username, String reason) {}

  /** A channel was added to a server. */
  @Serdeable
  record ChannelCreatedFrame(String type, long serverId, ChannelDto channel) {}

  /** A server was deleted. */
  @Serdeable
  record ServerDeletedFrame(String type, long serverId) {}

  String connected(long userId, String username) {
    return frames.write(new Connected("connected", "Connected to Parley", userId, username));
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
            m.createdAt().toString(),
            result.duplicate()));
  }

  @Override
  public String encode(OutboundEvent event, SocketConnection recipient) {
    if (event.event() instanceof TypingChanged typing && typing.userId() == recipient.userId()) {
      return null;
    }
    return event.encoded(FORMAT, this::toFrame);
  }

  private String toFrame(ChatEvent event) {
    Object frame;
    if (event instanceof MessageCreated created) {
      frame = NewMessage.from(MessageDto.from(created.posted()));
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
              "member_joined", j.serverId(), j.userId(), j.username(), j.role().name());
    } else if (event instanceof MemberLeft l) {
      frame =
          new MemberLeftFrame(
              "member_left", l.serverId(), l.userId(), l.username(), l.reason().name());
    } else if (event instanceof ChannelCreated c) {
      frame =
          new ChannelCreatedFrame(
              "channel_created", c.channel().serverId(), ChannelDto.from(c.channel()));
    } else if (event instanceof ServerDeleted d) {
      frame = new ServerDeletedFrame("server_deleted", d.serverId());
    } else {
      return null;
    }
    return frames.write(frame);
  }
}
