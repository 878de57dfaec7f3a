package dev.parley.application.service;

import dev.parley.application.port.in.DeleteMessageUseCase;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.EditMessageUseCase;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.ReactUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard.ChannelAccess;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Permission;
import java.time.Clock;

/**
 * Edits, deletes and reactions. A message the caller cannot see is "not found", like its channel;
 * only the author edits; the author, or a moderator or admin of the server, deletes.
 */
public final class MessageActionsService
    implements EditMessageUseCase, DeleteMessageUseCase, ReactUseCase {
  private final AccessGuard guard;
  private final MessageRepository messages;
  private final ReactionRepository reactions;
  private final UserRepository users;
  private final AttachmentRepository attachments;
  private final ChatEventPublisher events;
  private final Clock clock;

  public MessageActionsService(
      AccessGuard guard,
      MessageRepository messages,
      ReactionRepository reactions,
      UserRepository users,
      AttachmentRepository attachments,
      ChatEventPublisher events,
      Clock clock) {
    this.guard = guard;
    this.messages = messages;
    this.reactions = reactions;
    this.users = users;
    this.attachments = attachments;
    this.events = events;
    this.clock = clock;
  }

  /** A live message the caller can see, with their access to its channel. */
  private record Target(Message message, ChannelAccess access) {}

  private Target visibleMessage(long userId, long messageId, Long expectedChannelId) {
    Message message =
        messages
            .findById(messageId)
            .filter(m -> !m.isDeleted())
            .filter(m -> expectedChannelId == null || m.channelId() == expectedChannelId)
            .orElseThrow(() -> new NotFound("Message not found"));
    try {
      return new Target(message, guard.requireChannel(userId, message.channelId(), null));
    } catch (NotFound invisible) {
      throw new NotFound("Message not found");
    }
  }

  private String nameOf(long userId) {
    return users.findById(userId).map(u -> u.username().value()).orElse("user-" + userId);
  }

  @Override
  public PostedMessage edit(EditMessageCommand command) {
    Target target =
        visibleMessage(command.userId(), command.messageId(), command.expectedChannelId());
    if (target.message().authorId() != command.userId()) {
      throw new PermissionDenied("Only the author can edit a message");
    }
    Message edited = messages.edit(command.messageId(), command.text().value(), clock.instant());
    // Editing changes the text only; the edited message still carries its files.
    PostedMessage posted =
        MessageAttachments.fill(
            attachments,
            PostedMessage.of(edited, nameOf(command.userId()), target.access().channel()));
    events.publish(new MessageEdited(posted));
    return posted;
  }

  @Override
  public void delete(long userId, long messageId, Long expectedChannelId) {
    Target target = visibleMessage(userId, messageId, expectedChannelId);
    boolean author = target.message().authorId() == userId;
    boolean moderator =
        target.access().membership() != null
            && target.access().membership().allows(Permission.DELETE_OTHERS_MESSAGES);
    if (!author && !moderator) {
      throw new PermissionDenied("Only the author or a moderator can delete this message");
    }
    Message deleted = messages.markDeleted(messageId, clock.instant());
    events.publish(
        new MessageDeleted(
            deleted.channelId(),
            target.access().channel().serverId(),
            deleted.id(),
            deleted.seq(),
            userId,
            nameOf(userId)));
  }

  @Override
  public ReactionChanged react(ReactCommand command) {
    Target target =
        visibleMessage(command.userId(), command.messageId(), command.expectedChannelId());
    AccessGuard.requireNotTimedOut(target.access(), clock.instant());
    boolean added;
    switch (command.mode()) {
      case ADD -> {
        if (!reactions.add(
            command.messageId(), command.userId(), command.emoji(), clock.instant())) {
          return null;
        }
        added = true;
      }
      case REMOVE -> {
        if (!reactions.remove(command.messageId(), command.userId(), command.emoji())) {
          return null;
        }
        added = false;
      }
      default -> {
        added =
            reactions.add(command.messageId(), command.userId(), command.emoji(), clock.instant());
        if (!added) {
          reactions.remove(command.messageId(), command.userId(), command.emoji());
        }
      }
    }
    ReactionChanged changed =
        new ReactionChanged(
            target.message().channelId(),
            target.access().channel().serverId(),
            command.messageId(),
            command.userId(),
            nameOf(command.userId()),
            command.emoji(),
            added,
            reactions.count(command.messageId(), command.emoji()));
    events.publish(changed);
    return changed;
  }
}
