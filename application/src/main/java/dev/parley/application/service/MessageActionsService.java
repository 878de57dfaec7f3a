package dev.parley.application.service;

import dev.parley.application.port.in.DeleteMessageUseCase;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.EditMessageUseCase;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.ReactUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Edits, deletes and reactions. A message the caller cannot see is "not found", like its channel;
 * only the author edits; the author, or a moderator or admin of the server, deletes. Each change is
 * recorded in the channel's change log in the same transaction, so resume can replay it.
 */
public final class MessageActionsService
    implements EditMessageUseCase, DeleteMessageUseCase, ReactUseCase {
  private final AccessGuard guard;
  private final MessageRepository messages;
  private final ReactionRepository reactions;
  private final UserRepository users;
  private final AttachmentRepository attachments;
  private final ChannelChangeLog changes;
  private final Transactions tx;
  private final ChatEventPublisher events;
  private final Clock clock;
  private final ReactionRepository.Bounds reactionBounds;

  /** The default reaction bounds: 20 different emojis on a message, 10 reactions per user. */
  public static final ReactionRepository.Bounds REACTION_BOUNDS =
      new ReactionRepository.Bounds(20, 10);

  public MessageActionsService(
      AccessGuard guard,
      MessageRepository messages,
      ReactionRepository reactions,
      UserRepository users,
      AttachmentRepository attachments,
      ChannelChangeLog changes,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      ReactionRepository.Bounds reactionBounds) {
    this.reactionBounds = reactionBounds;
    this.guard = guard;
    this.messages = messages;
    this.reactions = reactions;
    this.users = users;
    this.attachments = attachments;
    this.changes = changes;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  private VisibleMessage visibleMessage(long userId, long messageId, Long expectedChannelId) {
    return VisibleMessage.require(messages, guard, userId, messageId, expectedChannelId);
  }

  private String nameOf(long userId) {
    return users.findById(userId).map(u -> u.username().value()).orElse("user-" + userId);
  }

  @Override
  public PostedMessage edit(EditMessageCommand command) {
    VisibleMessage target =
        visibleMessage(command.userId(), command.messageId(), command.expectedChannelId());
    if (target.message().authorId() != command.userId()) {
      throw new PermissionDenied("Only the author can edit a message");
    }
    AccessGuard.requireNotTimedOut(target.access(), clock.instant());
    String text = command.text().value();
    Instant at = clock.instant();
    Logged<Message> edited =
        tx.inTransaction(
            () ->
                new Logged<>(
                    messages.edit(command.messageId(), text, at),
                    changes.record(
                        target.message().channelId(),
                        new ChannelChangeLog.Edited(
                            command.messageId(), command.userId(), text, at))));
    // Editing changes the text only; the edited message still carries its files.
    PostedMessage posted =
        MessageAttachments.fill(
            attachments,
            Authors.of(users, List.of(command.userId()))
                .posted(edited.value(), target.access().channel()));
    events.publish(new MessageEdited(posted, edited.pos()));
    return posted;
  }

  @Override
  public void delete(long userId, long messageId, Long expectedChannelId) {
    VisibleMessage target = visibleMessage(userId, messageId, expectedChannelId);
    boolean author = target.message().authorId() == userId;
    boolean moderator =
        target.access().membership() != null
            && guard.allows(target.access().membership(), Permission.DELETE_OTHERS_MESSAGES);
    if (!author && !moderator) {
      throw new PermissionDenied("Only the author or a moderator can delete this message");
    }
    Instant at = clock.instant();
    Logged<Message> deleted =
        tx.inTransaction(
            () ->
                new Logged<>(
                    messages.markDeleted(messageId, at),
                    changes.record(
                        target.message().channelId(),
                        new ChannelChangeLog.Deleted(messageId, userId, at))));
    events.publish(
        new MessageDeleted(
            deleted.value().channelId(),
            target.access().channel().serverId(),
            messageId,
            deleted.value().seq(),
            userId,
            nameOf(userId),
            deleted.pos()));
  }

  @Override
  public ReactionChanged react(ReactCommand command) {
    VisibleMessage target =
        visibleMessage(command.userId(), command.messageId(), command.expectedChannelId());
    AccessGuard.requireNotTimedOut(target.access(), clock.instant());
    long channelId = target.message().channelId();
    Instant at = clock.instant();
    // The change, the new total and its log position commit together: the total a replay shows is
    // the one the live event showed.
    Logged<Reaction> reaction = tx.inTransaction(() -> applyReaction(command, channelId, at));
    if (reaction == null) {
      return null;
    }
    ReactionChanged changed =
        new ReactionChanged(
            channelId,
            target.access().channel().serverId(),
            command.messageId(),
            command.userId(),
            nameOf(command.userId()),
            command.emoji(),
            reaction.value().added(),
            reaction.value().count(),
            reaction.pos());
    events.publish(changed);
    return changed;
  }

  /** What a reaction command did; null from {@link #applyReaction} when it changed nothing. */
  private record Reaction(boolean added, int count) {}

  /** A stored value with the log position of the change that produced it. */
  private record Logged<T>(T value, long pos) {}

  private Logged<Reaction> applyReaction(ReactCommand command, long channelId, Instant at) {
    long messageId = command.messageId();
    long userId = command.userId();
    String emoji = command.emoji();
    boolean added;
    switch (command.mode()) {
      case ADD -> {
        if (!addWithinBounds(messageId, userId, emoji, at)) {
          return null;
        }
        added = true;
      }
      case REMOVE -> {
        if (!reactions.remove(messageId, userId, emoji)) {
          return null;
        }
        added = false;
      }
      default -> {
        added = addWithinBounds(messageId, userId, emoji, at);
        if (!added) {
          reactions.remove(messageId, userId, emoji);
        }
      }
    }
    int count = reactions.count(messageId, emoji);
    long pos =
        changes.record(
            channelId, new ChannelChangeLog.Reacted(messageId, userId, emoji, added, count, at));
    return new Logged<>(new Reaction(added, count), pos);
  }

  /** Adds the reaction; false when it was already there; a broken bound is refused by name. */
  private boolean addWithinBounds(long messageId, long userId, String emoji, Instant at) {
    return switch (reactions.add(messageId, userId, emoji, at, reactionBounds)) {
      case ADDED -> true;
      case ALREADY -> false;
      case TOO_MANY_EMOJIS ->
          throw new Conflict(
              "This message already has "
                  + reactionBounds.distinctPerMessage()
                  + " different reactions, the most allowed; react with one of them");
      case TOO_MANY_BY_USER ->
          throw new Conflict(
              "You already have "
                  + reactionBounds.perUser()
                  + " reactions on this message, the most allowed; remove one first");
    };
  }
}
