package dev.parley.application.service;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelChangeLog.Change;
import dev.parley.application.port.out.ChannelChangeLog.Changed;
import dev.parley.application.port.out.ChannelChangeLog.Created;
import dev.parley.application.port.out.ChannelChangeLog.Deleted;
import dev.parley.application.port.out.ChannelChangeLog.Edited;
import dev.parley.application.port.out.ChannelChangeLog.Pinned;
import dev.parley.application.port.out.ChannelChangeLog.Reacted;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.PinChanged;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns entries of a channel's change log back into the events that announced them, for resume,
 * REST catch-up and the repair after a fan-out outage. Folded, a message created within the entries
 * is shown as it is now, so its later edits and its delete are not repeated; unfolded (for a
 * repair, where some of the entries were delivered already), every entry is its own event.
 *
 * <p>Concurrent replays of one channel from one position up to one position share one read: after a
 * reconnect storm every member's sockets resume the same channel from the same place, and each
 * would otherwise read the same entries, authors and files again.
 */
final class ChangeReplay {
  /** A replay as asked for: the channel as read (its positions bound the entries), from where. */
  private record Asked(Channel channel, long afterPos, int limit) {}

  private final Map<Asked, CompletableFuture<List<ChatEvent>>> inFlight = new ConcurrentHashMap<>();
  private final ChannelChangeLog changes;
  private final MessageRepository messages;
  private final UserRepository users;
  private final AttachmentRepository attachments;

  ChangeReplay(
      ChannelChangeLog changes,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments) {
    this.changes = changes;
    this.messages = messages;
    this.users = users;
    this.attachments = attachments;
  }

  /**
   * The events of the channel's changes after {@code afterPos}, oldest first, at most limit; shared
   * with the callers asking the same at the same time (the list is unmodifiable).
   */
  List<ChatEvent> after(Channel channel, long afterPos, int limit) {
    Asked asked = new Asked(channel, afterPos, limit);
    CompletableFuture<List<ChatEvent>> mine = new CompletableFuture<>();
    CompletableFuture<List<ChatEvent>> running = inFlight.putIfAbsent(asked, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException failed) {
        throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
      }
    }
    try {
      List<ChatEvent> events =
          List.copyOf(events(channel, changes.after(channel.id(), afterPos, limit), true));
      mine.complete(events);
      return events;
    } catch (RuntimeException | Error failure) {
      mine.completeExceptionally(failure);
      throw failure;
    } finally {
      inFlight.remove(asked, mine);
    }
  }

  List<ChatEvent> events(Channel channel, List<ChannelChangeLog.Entry> entries, boolean fold) {
    if (entries.isEmpty()) {
      return List.of();
    }
    Set<Long> createdHere = new HashSet<>();
    Map<Long, Deleted> deletes = new HashMap<>();
    Set<Long> people = new HashSet<>();
    for (ChannelChangeLog.Entry entry : entries) {
      if (entry instanceof Created created) {
        createdHere.add(created.message().id());
        people.add(created.message().authorId());
      } else if (entry instanceof Changed changed) {
        people.add(changed.change().actorId());
        if (changed.change() instanceof Deleted deleted) {
          deletes.put(deleted.messageId(), deleted);
        }
      }
    }
    Authors names = Authors.of(users, people);
    Map<Long, Optional<Message>> earlier = new HashMap<>();
    List<PostedMessage> created = new ArrayList<>();
    List<ChatEvent> events = new ArrayList<>(entries.size());
    for (ChannelChangeLog.Entry entry : entries) {
      if (entry instanceof Created c) {
        Message m = c.message();
        if (m.isDeleted() && fold) {
          Deleted by = deletes.get(m.id());
          long actor = by == null ? m.authorId() : by.actorId();
          events.add(deleted(channel, m, actor, names.name(actor), c.pos()));
        } else {
          PostedMessage posted = names.posted(m, channel);
          created.add(posted);
          events.add(new MessageCreated(posted));
        }
        continue;
      }
      Changed changed = (Changed) entry;
      Change change = changed.change();
      // Reactions and pins are not part of the message as shown, so they are never folded.
      boolean foldable = !(change instanceof Reacted) && !(change instanceof Pinned);
      if (fold && foldable && createdHere.contains(change.messageId())) {
        continue; // folded into the message as shown above
      }
      String actorName = names.name(change.actorId());
      if (change instanceof Reacted r) {
        events.add(
            new ReactionChanged(
                channel.id(),
                channel.serverId(),
                r.messageId(),
                r.actorId(),
                actorName,
                r.emoji(),
                r.added(),
                r.count(),
                changed.pos()));
        continue;
      }
      if (change instanceof Pinned p) {
        events.add(
            new PinChanged(
                channel.id(),
                channel.serverId(),
                p.messageId(),
                p.actorId(),
                actorName,
                p.pinned(),
                p.at(),
                changed.pos()));
        continue;
      }
      Optional<Message> message = earlier.computeIfAbsent(change.messageId(), messages::findById);
      if (message.isEmpty()) {
        continue; // gone with its channel
      }
      Message m = message.get();
      if (change instanceof Edited e) {
        Message asEdited =
            new Message(
                m.id(),
                m.channelId(),
                m.seq(),
                m.authorId(),
                e.content(),
                m.createdAt(),
                e.at(),
                null,
                m.replyToId(),
                m.nonce(),
                m.pos(),
                m.webhookId(),
                m.displayName());
        PostedMessage posted =
            MessageAttachments.fill(attachments, names.posted(asEdited, channel));
        events.add(new MessageEdited(posted, changed.pos()));
      } else if (change instanceof Deleted) {
        events.add(deleted(channel, m, change.actorId(), actorName, changed.pos()));
      }
    }
    if (created.isEmpty()) {
      return events;
    }
    // Attachments of the created messages, read in one go and put back in place.
    Map<Long, PostedMessage> withFiles =
        MessageAttachments.fill(attachments, created).stream()
            .collect(Collectors.toMap(p -> p.message().id(), p -> p));
    events.replaceAll(
        e ->
            e instanceof MessageCreated mc
                ? new MessageCreated(withFiles.get(mc.posted().message().id()))
                : e);
    return events;
  }

  private static MessageDeleted deleted(
      Channel channel, Message m, long actor, String actorName, long pos) {
    return new MessageDeleted(
        channel.id(), channel.serverId(), m.id(), m.seq(), actor, actorName, pos);
  }
}
