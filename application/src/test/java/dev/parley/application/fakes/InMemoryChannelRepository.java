package dev.parley.application.fakes;

import dev.parley.application.port.out.ChannelRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** In-memory {@link ChannelRepository} over an {@link InMemoryStore}. */
public class InMemoryChannelRepository implements ChannelRepository {
  private final InMemoryStore store;

  public InMemoryChannelRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Channel create(NewChannel channel) {
    synchronized (store) {
      if (channel.kind() != ChannelKind.THREAD
          && (channel.serverId() == null) != channel.kind().isConversation()) {
        // Mirrors the CHECK constraint on channels.
        throw new IllegalArgumentException(
            "conversations have no server and server channels need one");
      }
      if (channel.serverId() != null) {
        store.requireServer(channel.serverId());
      }
      store.requireUser(channel.createdBy());
      int position =
          channel.position() != null ? channel.position() : nextPosition(channel.serverId());
      Channel created =
          new Channel(
              store.nextChannelId(),
              channel.serverId(),
              channel.kind(),
              channel.name(),
              channel.description(),
              channel.category(),
              position,
              0,
              0,
              channel.createdBy(),
              channel.createdAt(),
              channel.createdAt());
      store.channels.put(created.id(), created);
      return created;
    }
  }

  private int nextPosition(Long serverId) {
    if (serverId == null) {
      return 0;
    }
    return store.channels.values().stream()
        .filter(c -> c.belongsTo(serverId))
        .mapToInt(c -> c.position() + 1)
        .max()
        .orElse(0);
  }

  @Override
  public Optional<Channel> findById(long id) {
    synchronized (store) {
      return Optional.ofNullable(store.channels.get(id));
    }
  }

  @Override
  public List<Channel> listByServer(long serverId) {
    synchronized (store) {
      return store.channels.values().stream()
          .filter(c -> c.belongsTo(serverId) && c.kind() != ChannelKind.THREAD)
          .sorted(Comparator.comparingInt(Channel::position).thenComparingLong(Channel::id))
          .toList();
    }
  }

  @Override
  public Channel update(
      long id, String name, String description, String category, int position, Instant updatedAt) {
    synchronized (store) {
      Channel c = store.channels.get(id);
      if (c == null) {
        throw new IllegalStateException("no channel " + id);
      }
      Channel updated =
          new Channel(
              c.id(),
              c.serverId(),
              c.kind(),
              name,
              description,
              category,
              position,
              c.lastSeq(),
              c.lastPos(),
              c.createdBy(),
              c.createdAt(),
              updatedAt);
      store.channels.put(id, updated);
      return updated;
    }
  }

  @Override
  public void delete(long id) {
    synchronized (store) {
      store.deleteChannel(id);
    }
  }

  @Override
  public void addParticipants(long channelId, List<Long> userIds, Instant joinedAt) {
    synchronized (store) {
      store.requireChannel(channelId);
      userIds.forEach(store::requireUser);
      userIds.forEach(
          userId ->
              store.participants.putIfAbsent(new InMemoryStore.Pair(channelId, userId), joinedAt));
    }
  }

  @Override
  public boolean isParticipant(long channelId, long userId) {
    synchronized (store) {
      InMemoryStore.ThreadLink thread = store.threads.get(channelId);
      long conversation = thread == null ? channelId : thread.parentChannelId();
      return store.participants.containsKey(new InMemoryStore.Pair(conversation, userId));
    }
  }

  @Override
  public List<Long> participantIds(long channelId) {
    synchronized (store) {
      return store.participants.keySet().stream()
          .filter(key -> key.ownerId() == channelId)
          .map(InMemoryStore.Pair::userId)
          .sorted()
          .toList();
    }
  }

  @Override
  public Optional<Channel> findDirectConversation(long userA, long userB) {
    // A set, not Set.of: userA and userB may be the same user.
    Set<Long> pair = new HashSet<>(List.of(userA, userB));
    synchronized (store) {
      return store.channels.values().stream()
          .filter(c -> c.kind() == ChannelKind.DM)
          .filter(c -> new HashSet<>(participantIds(c.id())).equals(pair))
          .min(Comparator.comparingLong(Channel::id));
    }
  }

  @Override
  public List<Channel> conversationsOf(long userId) {
    synchronized (store) {
      return store.participants.keySet().stream()
          .filter(key -> key.userId() == userId)
          .map(key -> store.channels.get(key.ownerId()))
          .filter(Channel::isConversation)
          .sorted(Comparator.comparingLong(Channel::id).reversed())
          .toList();
    }
  }
}
