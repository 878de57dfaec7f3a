package dev.parley.adapters.web.conversations;

import dev.parley.adapters.web.socket.EventEncoder;
import dev.parley.adapters.web.socket.Frames;
import dev.parley.domain.event.ChannelPresence;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.event.Topic;
import dev.parley.domain.event.TypingChanged;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Set;

/** Seed 002's server-to-client frames; ids are strings. */
final class ConversationFrames implements EventEncoder {
  // Seed 002 shows a conversation's messages, typing, joins and presence; server and
  // membership events have no frame there.
  private static final Set<Class<? extends ChatEvent>> NOT_SHOWN = EventEncoder.NATIVE_ONLY;

  private final Frames frames;

  ConversationFrames(Frames frames) {
    this.frames = frames;
  }

  /** The incoming webhook that posted the message, as this surface writes ids; else null. */
  private static String webhookId(PostedMessage posted) {
    return posted.webhookId() == null ? null : id(posted.webhookId());
  }

  private static String id(long id) {
    return Long.toString(id);
  }

  /** A new message, as the seed shows it (plus its conversation and seq). */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record MessageFrame(
      String type,
      String content,
      String senderId,
      String senderUsername,
      String messageId,
      String timestamp,
      boolean isEdited,
      String conversationId,
      long seq,
      boolean senderIsBot,
      String webhookId) {}

  /** A changed message. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record EditFrame(
      String type,
      String messageId,
      String content,
      String senderId,
      String senderUsername,
      String timestamp,
      boolean isEdited,
      String conversationId,
      boolean senderIsBot,
      String webhookId) {}

  /** A deleted message; {@code sender_id} is who deleted it. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record DeleteFrame(
      String type,
      String messageId,
      String senderId,
      String senderUsername,
      String conversationId) {}

  /** A reaction added or removed, with the emoji's new count. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record ReactionFrame(
      String type,
      String messageId,
      String emoji,
      String senderId,
      String senderUsername,
      String action,
      int count,
      String conversationId) {}

  /** Someone is typing (or stopped). */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record TypingFrame(
      String type,
      String senderId,
      String senderUsername,
      boolean isTyping,
      String conversationId) {}

  /** Join and leave notices, with who is connected now. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record SystemFrame(
      String type,
      String content,
      String senderId,
      List<String> activeUsers,
      String conversationId) {}

  /** A status someone announced. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record PresenceFrame(
      String type, String senderId, String senderUsername, String status, String conversationId) {}

  @Override
  public String surface() {
    return "conversations";
  }

  @Override
  public Set<Class<? extends ChatEvent>> notShown() {
    return NOT_SHOWN;
  }

  @Override
  public String frame(ChatEvent event) {
    Object frame;
    if (event instanceof MessageCreated created) {
      Message m = created.posted().message();
      frame =
          new MessageFrame(
              "message",
              m.content(),
              id(m.authorId()),
              created.posted().authorName(),
              id(m.id()),
              m.createdAt().toString(),
              false,
              id(m.channelId()),
              m.seq(),
              created.posted().authorBot(),
              webhookId(created.posted()));
    } else if (event instanceof MessageEdited edited) {
      Message m = edited.posted().message();
      frame =
          new EditFrame(
              "edit",
              id(m.id()),
              m.content(),
              id(m.authorId()),
              edited.posted().authorName(),
              m.editedAt().toString(),
              true,
              id(m.channelId()),
              edited.posted().authorBot(),
              webhookId(edited.posted()));
    } else if (event instanceof MessageDeleted d) {
      frame =
          new DeleteFrame(
              "delete", id(d.messageId()), id(d.deletedBy()), d.deletedByName(), id(d.channelId()));
    } else if (event instanceof ReactionChanged r) {
      frame =
          new ReactionFrame(
              "reaction",
              id(r.messageId()),
              r.emoji(),
              id(r.userId()),
              r.username(),
              r.added() ? "added" : "removed",
              r.count(),
              id(r.channelId()));
    } else if (event instanceof TypingChanged t) {
      frame =
          new TypingFrame("typing", id(t.userId()), t.username(), t.typing(), id(t.channelId()));
    } else if (event instanceof ChannelPresence p) {
      frame =
          new SystemFrame(
              "system",
              "User " + p.username() + (p.joined() ? " joined" : " left") + " the conversation",
              id(p.userId()),
              p.activeUserIds().stream().map(ConversationFrames::id).toList(),
              id(p.channelId()));
    } else if (event instanceof StatusChanged s) {
      frame =
          new PresenceFrame(
              "presence",
              id(s.userId()),
              s.username(),
              s.status(),
              s.audience().stream()
                  .filter(t -> t.kind() == Topic.Kind.CHANNEL)
                  .findFirst()
                  .map(t -> id(t.id()))
                  .orElse(null));
    } else {
      throw EventEncoder.unhandled(surface(), event);
    }
    return frames.write(frame);
  }
}
