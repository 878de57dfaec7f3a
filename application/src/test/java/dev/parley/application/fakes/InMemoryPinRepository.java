package dev.parley.application.fakes;

import dev.parley.application.port.out.PinRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** In-memory {@link PinRepository} over an {@link InMemoryStore}. */
public class InMemoryPinRepository implements PinRepository {
  private final InMemoryStore store;

  public InMemoryPinRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Pinned pin(long channelId, long messageId, long userId, Instant at, int limit) {
    synchronized (store) {
      store.requireMessage(messageId);
      store.requireUser(userId);
      if (store.pins.containsKey(messageId)) {
        return Pinned.ALREADY;
      }
      if (live(channelId).size() >= limit) {
        return Pinned.FULL;
      }
      store.pins.put(messageId, new InMemoryStore.PinMark(channelId, userId, at));
      return Pinned.PINNED;
    }
  }

  @Override
  public boolean unpin(long messageId) {
    synchronized (store) {
      return store.pins.remove(messageId) != null;
    }
  }

  @Override
  public List<StoredPin> inChannel(long channelId) {
    synchronized (store) {
      return live(channelId).stream()
          .sorted(
              Comparator.comparing(
                      (Map.Entry<Long, InMemoryStore.PinMark> e) -> e.getValue().pinnedAt())
                  .thenComparing(Map.Entry::getKey)
                  .reversed())
          .map(
              e ->
                  new StoredPin(
                      store.messages.get(e.getKey()),
                      e.getValue().pinnedBy(),
                      e.getValue().pinnedAt()))
          .toList();
    }
  }

  private List<Map.Entry<Long, InMemoryStore.PinMark>> live(long channelId) {
    return store.pins.entrySet().stream()
        .filter(e -> e.getValue().channelId() == channelId)
        .filter(e -> store.messages.containsKey(e.getKey()))
        .filter(e -> !store.messages.get(e.getKey()).isDeleted())
        .toList();
  }
}
