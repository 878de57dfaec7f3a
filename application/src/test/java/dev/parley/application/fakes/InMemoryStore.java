package dev.parley.application.fakes;

import dev.parley.application.port.out.ChannelChangeLog.Changed;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Ban;
import dev.parley.domain.server.Invite;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Server;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared state of the in-memory repositories, so that they behave like one database: foreign
 * keys are checked and deleting a server or a channel cascades. Every fake locks on the store.
 */
public final class InMemoryStore {
  /**
   * The primary key of a membership, ban, participant or read state: (server or channel id, user
   * id).
   */
  record Pair(long ownerId, long userId) {}

  /** The primary key of a reaction. */
  record ReactionKey(long messageId, String emoji, long userId) {}

  /** The primary key of a mention. */
  record MentionKey(long messageId, long userId) {}

  /** The rest of a mention's row. */
  record Mention(long channelId, long seq) {}

  /** The rest of a pin's row. */
  record PinMark(long channelId, long pinnedBy, Instant pinnedAt) {}

  /** What ties a thread's channel to where it branches from. */
  record ThreadLink(long parentChannelId, long parentMessageId) {}

  /** The rest of a read state's row. */
  record ReadMark(long lastReadSeq, Instant updatedAt) {}

  private final InMemoryUserRepository users;

  final Map<Long, Server> servers = new LinkedHashMap<>();
  final Map<Pair, Membership> memberships = new LinkedHashMap<>();
  final Map<Long, Channel> channels = new LinkedHashMap<>();
  final Map<Pair, Instant> participants = new LinkedHashMap<>();
  final Map<Long, Message> messages = new HashMap<>();
  final Map<ReactionKey, Instant> reactions = new LinkedHashMap<>();
  final Map<Long, PinMark> pins = new LinkedHashMap<>();
  final Map<String, Invite> invites = new LinkedHashMap<>();
  final Map<Pair, Ban> bans = new LinkedHashMap<>();
  final Map<Pair, ReadMark> readStates = new LinkedHashMap<>();
  final Map<MentionKey, Mention> mentions = new LinkedHashMap<>();
  final Map<Long, Attachment> attachments = new LinkedHashMap<>();
  final Map<Long, ThreadLink> threads = new LinkedHashMap<>();
  final Map<Pair, Boolean> threadFollows = new LinkedHashMap<>();

  /** Storage keys of deleted attachments whose bytes may still be stored. */
  final Set<String> filesToRemove = new LinkedHashSet<>();

  final Map<Long, List<Changed>> changes = new HashMap<>();

  private long lastServerId;
  private long lastChannelId;
  private long lastMessageId;
  private long lastAttachmentId;

  public InMemoryStore() {
    this(new InMemoryUserRepository());
  }

  public InMemoryStore(InMemoryUserRepository users) {
    this.users = users;
  }

  /** The accounts the other tables refer to. */
  public InMemoryUserRepository users() {
    return users;
  }

  long nextServerId() {
    return ++lastServerId;
  }

  long nextChannelId() {
    return ++lastChannelId;
  }

  /** The channel's counters after one more change, and a message too when {@code message}. */
  Channel advance(long channelId, boolean message) {
    Channel c = channels.get(channelId);
    if (c == null) {
      throw new IllegalStateException("no channel " + channelId);
    }
    Channel advanced = c.atPositions(message ? c.lastSeq() + 1 : c.lastSeq(), c.lastPos() + 1);
    channels.put(channelId, advanced);
    return advanced;
  }

  long nextMessageId() {
    return ++lastMessageId;
  }

  long nextAttachmentId() {
    return ++lastAttachmentId;
  }

  void requireUser(Long userId) {
    if (userId != null && users.findById(userId).isEmpty()) {
      throw new IllegalStateException("foreign key violation: no user " + userId);
    }
  }

  void requireServer(long serverId) {
    if (!servers.containsKey(serverId)) {
      throw new IllegalStateException("foreign key violation: no server " + serverId);
    }
  }

  void requireMessage(long messageId) {
    if (!messages.containsKey(messageId)) {
      throw new IllegalStateException("foreign key violation: no message " + messageId);
    }
  }

  void requireChannel(long channelId) {
    if (!channels.containsKey(channelId)) {
      throw new IllegalStateException("foreign key violation: no channel " + channelId);
    }
  }

  /** Deletes a server and, like the schema's ON DELETE clauses, everything hanging off it. */
  void deleteServer(long serverId) {
    if (servers.remove(serverId) == null) {
      return;
    }
    memberships.keySet().removeIf(key -> key.ownerId() == serverId);
    invites.values().removeIf(invite -> invite.serverId() == serverId);
    bans.keySet().removeIf(key -> key.ownerId() == serverId);
    channels.values().removeIf(c -> c.belongsTo(serverId));
    dropWhatMissingChannelsHeld();
  }

  /** Deletes a channel and, like the schema's ON DELETE clauses, everything hanging off it. */
  /**
   * Deletes the attachment's row and queues its bytes for removal, as the database trigger does.
   */
  void deleteAttachment(Attachment attachment) {
    if (attachments.remove(attachment.id()) != null) {
      filesToRemove.add(attachment.storageKey());
    }
  }

  void deleteChannel(long channelId) {
    if (channels.remove(channelId) != null) {
      dropWhatMissingChannelsHeld();
    }
  }

  private void dropWhatMissingChannelsHeld() {
    // A thread goes with its parent channel and its parent message, like ON DELETE CASCADE.
    List<Long> orphans;
    do {
      orphans =
          threads.entrySet().stream()
              .filter(
                  e ->
                      !channels.containsKey(e.getValue().parentChannelId())
                          || !messages.containsKey(e.getValue().parentMessageId())
                          || !channels.containsKey(e.getKey()))
              .map(Map.Entry::getKey)
              .toList();
      orphans.forEach(
          id -> {
            threads.remove(id);
            channels.remove(id);
          });
      messages.values().removeIf(m -> !channels.containsKey(m.channelId()));
    } while (!orphans.isEmpty());
    threadFollows.keySet().removeIf(key -> !threads.containsKey(key.ownerId()));
    participants.keySet().removeIf(key -> !channels.containsKey(key.ownerId()));
    readStates.keySet().removeIf(key -> !channels.containsKey(key.ownerId()));
    messages.values().removeIf(m -> !channels.containsKey(m.channelId()));
    changes.keySet().removeIf(id -> !channels.containsKey(id));
    reactions.keySet().removeIf(key -> !messages.containsKey(key.messageId()));
    pins.keySet().removeIf(messageId -> !messages.containsKey(messageId));
    attachments.values().stream()
        .filter(
            a ->
                !channels.containsKey(a.channelId())
                    || (a.isAttached() && !messages.containsKey(a.messageId())))
        .toList()
        .forEach(this::deleteAttachment);
    mentions
        .entrySet()
        .removeIf(
            e ->
                !messages.containsKey(e.getKey().messageId())
                    || !channels.containsKey(e.getValue().channelId()));
    messages.replaceAll(
        (id, m) ->
            m.replyToId() != null && !messages.containsKey(m.replyToId())
                ? new Message(
                    m.id(),
                    m.channelId(),
                    m.seq(),
                    m.authorId(),
                    m.content(),
                    m.createdAt(),
                    m.editedAt(),
                    m.deletedAt(),
                    null,
                    m.nonce(),
                    m.pos(),
                    m.webhookId(),
                    m.displayName())
                : m);
  }
}
