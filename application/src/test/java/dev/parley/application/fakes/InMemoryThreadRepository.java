package dev.parley.application.fakes;

import dev.parley.application.port.out.ThreadRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.FollowedThread;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.channel.ThreadView;
import dev.parley.domain.message.Message;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link ThreadRepository} over an {@link InMemoryStore}. */
public class InMemoryThreadRepository implements ThreadRepository {
  private static final Comparator<MessageThread> MOST_RECENT_FIRST =
      Comparator.comparing(InMemoryThreadRepository::activeAt)
          .thenComparingLong(MessageThread::id)
          .reversed();

  private final InMemoryStore store;

  public InMemoryThreadRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Started start(NewThread thread) {
    synchronized (store) {
      store.requireChannel(thread.parentChannelId());
      store.requireMessage(thread.parentMessageId());
      store.requireUser(thread.createdBy());
      Optional<Long> existing =
          store.threads.entrySet().stream()
              .filter(e -> e.getValue().parentMessageId() == thread.parentMessageId())
              .map(Map.Entry::getKey)
              .findFirst();
      if (existing.isPresent()) {
        return new Started(toThread(existing.get()), false);
      }
      Channel channel =
          new Channel(
              store.nextChannelId(),
              thread.serverId(),
              ChannelKind.THREAD,
              thread.name(),
              null,
              null,
              0,
              0,
              0,
              thread.createdBy(),
              thread.createdAt(),
              thread.createdAt());
      store.channels.put(channel.id(), channel);
      store.threads.put(
          channel.id(),
          new InMemoryStore.ThreadLink(thread.parentChannelId(), thread.parentMessageId()));
      return new Started(toThread(channel.id()), true);
    }
  }

  @Override
  public Optional<MessageThread> findById(long threadId) {
    synchronized (store) {
      return store.threads.containsKey(threadId)
          ? Optional.of(toThread(threadId))
          : Optional.empty();
    }
  }

  @Override
  public Map<Long, MessageThread> ofMessages(Collection<Long> messageIds) {
    synchronized (store) {
      Map<Long, MessageThread> found = new HashMap<>();
      store.threads.forEach(
          (id, link) -> {
            if (messageIds.contains(link.parentMessageId())) {
              found.put(link.parentMessageId(), toThread(id));
            }
          });
      return found;
    }
  }

  @Override
  public List<ThreadView> inChannel(long channelId, long viewerId, int limit) {
    synchronized (store) {
      return store.threads.entrySet().stream()
          .filter(e -> e.getValue().parentChannelId() == channelId)
          .map(e -> toThread(e.getKey()))
          .sorted(MOST_RECENT_FIRST)
          .limit(limit)
          .map(t -> new ThreadView(t, isFollowing(t.id(), viewerId)))
          .toList();
    }
  }

  @Override
  public List<Channel> channelsOfServer(long serverId) {
    synchronized (store) {
      return store.threads.keySet().stream()
          .map(store.channels::get)
          .filter(c -> c.belongsTo(serverId))
          .toList();
    }
  }

  @Override
  public List<Channel> channelsOfParents(Collection<Long> parentIds) {
    synchronized (store) {
      return store.threads.entrySet().stream()
          .filter(e -> parentIds.contains(e.getValue().parentChannelId()))
          .map(e -> store.channels.get(e.getKey()))
          .sorted(Comparator.comparingLong(Channel::id))
          .toList();
    }
  }

  @Override
  public void setFollowing(long threadId, long userId, boolean following, Instant at) {
    synchronized (store) {
      requireThread(threadId);
      store.requireUser(userId);
      store.threadFollows.put(new InMemoryStore.Pair(threadId, userId), following);
    }
  }

  @Override
  public void followImplicitly(long threadId, long userId, Instant at) {
    synchronized (store) {
      requireThread(threadId);
      store.requireUser(userId);
      store.threadFollows.putIfAbsent(new InMemoryStore.Pair(threadId, userId), true);
    }
  }

  @Override
  public boolean isFollowing(long threadId, long userId) {
    synchronized (store) {
      return store.threadFollows.getOrDefault(new InMemoryStore.Pair(threadId, userId), false);
    }
  }

  @Override
  public List<FollowedThread> followedBy(long userId, int limit) {
    synchronized (store) {
      return store.threadFollows.entrySet().stream()
          .filter(e -> e.getKey().userId() == userId && e.getValue())
          .map(e -> toThread(e.getKey().ownerId()))
          .filter(
              t ->
                  t.serverId() == null
                      ? store.participants.containsKey(
                          new InMemoryStore.Pair(t.parentChannelId(), userId))
                      : store.memberships.containsKey(new InMemoryStore.Pair(t.serverId(), userId)))
          .sorted(MOST_RECENT_FIRST)
          .limit(limit)
          .map(t -> followed(t, userId))
          .toList();
    }
  }

  private FollowedThread followed(MessageThread thread, long userId) {
    InMemoryStore.ReadMark mark = store.readStates.get(new InMemoryStore.Pair(thread.id(), userId));
    long lastRead = mark == null ? 0 : mark.lastReadSeq();
    long mentions =
        store.mentions.entrySet().stream()
            .filter(e -> e.getKey().userId() == userId)
            .filter(e -> e.getValue().channelId() == thread.id() && e.getValue().seq() > lastRead)
            .count();
    return new FollowedThread(thread, lastRead, mentions);
  }

  private void requireThread(long threadId) {
    if (!store.threads.containsKey(threadId)) {
      throw new IllegalStateException("foreign key violation: no thread " + threadId);
    }
  }

  private MessageThread toThread(long threadId) {
    Channel channel = store.channels.get(threadId);
    InMemoryStore.ThreadLink link = store.threads.get(threadId);
    List<Message> replies =
        store.messages.values().stream()
            .filter(m -> m.channelId() == threadId && !m.isDeleted())
            .toList();
    Instant last =
        replies.stream().map(Message::createdAt).max(Comparator.naturalOrder()).orElse(null);
    return new MessageThread(
        threadId,
        link.parentChannelId(),
        link.parentMessageId(),
        channel.serverId(),
        channel.name(),
        channel.createdBy(),
        channel.createdAt(),
        replies.size(),
        last,
        channel.lastSeq());
  }

  private static Instant activeAt(MessageThread thread) {
    return thread.lastReplyAt() != null ? thread.lastReplyAt() : thread.createdAt();
  }
}
