package dev.parley.application.fakes;

import dev.parley.application.port.out.BanRepository;
import dev.parley.domain.server.Ban;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** In-memory {@link BanRepository} over an {@link InMemoryStore}. */
public class InMemoryBanRepository implements BanRepository {
  private final InMemoryStore store;

  public InMemoryBanRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public void add(Ban ban) {
    synchronized (store) {
      store.requireServer(ban.serverId());
      store.requireUser(ban.userId());
      store.requireUser(ban.bannedBy());
      store.bans.putIfAbsent(new InMemoryStore.Pair(ban.serverId(), ban.userId()), ban);
    }
  }

  @Override
  public Optional<Ban> find(long serverId, long userId) {
    synchronized (store) {
      return Optional.ofNullable(store.bans.get(new InMemoryStore.Pair(serverId, userId)));
    }
  }

  @Override
  public boolean remove(long serverId, long userId) {
    synchronized (store) {
      return store.bans.remove(new InMemoryStore.Pair(serverId, userId)) != null;
    }
  }

  @Override
  public List<Ban> list(long serverId) {
    synchronized (store) {
      return store.bans.values().stream()
          .filter(ban -> ban.serverId() == serverId)
          .sorted(Comparator.comparing(Ban::createdAt).thenComparingLong(Ban::userId))
          .toList();
    }
  }
}
