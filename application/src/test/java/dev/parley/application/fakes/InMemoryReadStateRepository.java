package dev.parley.application.fakes;

import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.ChannelState;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** In-memory {@link ReadStateRepository} over an {@link InMemoryStore}. */
public class InMemoryReadStateRepository implements ReadStateRepository {
  private final InMemoryStore store;

  public InMemoryReadStateRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public long markRead(long userId, long channelId, long seq, Instant at) {
    synchronized (store) {
      store.requireUser(userId);
      store.requireChannel(channelId);
      InMemoryStore.ReadMark mark =
          store.readStates.merge(
              new InMemoryStore.Pair(channelId, userId),
              new InMemoryStore.ReadMark(seq, at),
              (old, fresh) ->
                  new InMemoryStore.ReadMark(
                      Math.max(old.lastReadSeq(), fresh.lastReadSeq()), fresh.updatedAt()));
      return mark.lastReadSeq();
    }
  }

  @Override
  public List<ChannelState> statesFor(long userId) {
    synchronized (store) {
      return store.channels.values().stream()
          .filter(c -> c.kind() != ChannelKind.THREAD && canSee(userId, c))
          .sorted(Comparator.comparingLong(Channel::id))
          .map(c -> stateOf(userId, c))
          .toList();
    }
  }

  @Override
  public ChannelState stateOf(long userId, long channelId) {
    synchronized (store) {
      Channel channel = store.channels.get(channelId);
      if (channel == null) {
        throw new IllegalStateException("No channel " + channelId);
      }
      return stateOf(userId, channel);
    }
  }

  private boolean canSee(long userId, Channel channel) {
    return channel.serverId() == null
        ? store.participants.containsKey(new InMemoryStore.Pair(channel.id(), userId))
        : store.memberships.containsKey(new InMemoryStore.Pair(channel.serverId(), userId));
  }

  private ChannelState stateOf(long userId, Channel channel) {
    InMemoryStore.ReadMark mark =
        store.readStates.get(new InMemoryStore.Pair(channel.id(), userId));
    long lastRead = mark == null ? 0 : mark.lastReadSeq();
    int mentions =
        (int)
            store.mentions.entrySet().stream()
                .filter(e -> e.getKey().userId() == userId)
                .filter(e -> e.getValue().channelId() == channel.id())
                .filter(e -> e.getValue().seq() > lastRead)
                .count();
    return new ChannelState(
        channel.id(), channel.serverId(), channel.lastSeq(), lastRead, mentions);
  }

  @Override
  public void addMentions(long messageId, long channelId, long seq, Collection<Long> userIds) {
    synchronized (store) {
      store.requireMessage(messageId);
      store.requireChannel(channelId);
      userIds.forEach(store::requireUser);
      userIds.forEach(
          userId ->
              store.mentions.putIfAbsent(
                  new InMemoryStore.MentionKey(messageId, userId),
                  new InMemoryStore.Mention(channelId, seq)));
    }
  }
}
