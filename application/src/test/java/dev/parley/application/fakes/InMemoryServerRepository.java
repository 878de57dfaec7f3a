package dev.parley.application.fakes;

import dev.parley.application.port.out.ServerRepository;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** In-memory {@link ServerRepository} over an {@link InMemoryStore}. */
public class InMemoryServerRepository implements ServerRepository {
  private final InMemoryStore store;

  public InMemoryServerRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Server create(NewServer server) {
    synchronized (store) {
      store.requireUser(server.ownerId());
      if (server.isPublic() && findPublic().isPresent()) {
        // Mirrors the unique partial index servers_single_public.
        throw new IllegalStateException("unique violation: there is already a public server");
      }
      Server created =
          new Server(
              store.nextServerId(),
              server.name(),
              server.description(),
              server.icon(),
              server.ownerId(),
              server.isPublic(),
              server.createdAt());
      store.servers.put(created.id(), created);
      return created;
    }
  }

  @Override
  public Optional<Server> findById(long id) {
    synchronized (store) {
      return Optional.ofNullable(store.servers.get(id));
    }
  }

  @Override
  public Optional<Server> findPublic() {
    synchronized (store) {
      return store.servers.values().stream().filter(Server::isPublic).findFirst();
    }
  }

  @Override
  public Server update(long id, String name, String description, String icon) {
    synchronized (store) {
      Server s = store.servers.get(id);
      if (s == null) {
        throw new IllegalStateException("no server " + id);
      }
      Server updated =
          new Server(s.id(), name, description, icon, s.ownerId(), s.isPublic(), s.createdAt());
      store.servers.put(id, updated);
      return updated;
    }
  }

  @Override
  public void delete(long id) {
    synchronized (store) {
      store.deleteServer(id);
    }
  }

  @Override
  public List<ServerWithRole> listForUser(long userId) {
    synchronized (store) {
      return store.memberships.values().stream()
          .filter(m -> m.userId() == userId)
          .sorted(
              Comparator.comparing(Membership::joinedAt).thenComparingLong(Membership::serverId))
          .map(m -> new ServerWithRole(store.servers.get(m.serverId()), m.role()))
          .toList();
    }
  }
}
