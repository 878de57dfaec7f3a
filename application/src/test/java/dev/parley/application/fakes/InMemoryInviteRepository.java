package dev.parley.application.fakes;

import dev.parley.application.port.out.InviteRepository;
import dev.parley.domain.server.Invite;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** In-memory {@link InviteRepository} over an {@link InMemoryStore}. */
public class InMemoryInviteRepository implements InviteRepository {
  private final InMemoryStore store;

  public InMemoryInviteRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Invite create(Invite invite) {
    synchronized (store) {
      store.requireServer(invite.serverId());
      store.requireUser(invite.createdBy());
      if (store.invites.containsKey(invite.code())) {
        // Mirrors the primary key on invites.code.
        throw new IllegalStateException("unique violation: invite " + invite.code() + " exists");
      }
      store.invites.put(invite.code(), invite);
      return invite;
    }
  }

  @Override
  public Optional<Invite> find(String code) {
    synchronized (store) {
      return Optional.ofNullable(store.invites.get(code));
    }
  }

  @Override
  public List<Invite> listByServer(long serverId) {
    synchronized (store) {
      return store.invites.values().stream()
          .filter(invite -> invite.serverId() == serverId)
          .sorted(Comparator.comparing(Invite::createdAt).thenComparing(Invite::code).reversed())
          .toList();
    }
  }

  @Override
  public Optional<Invite> use(String code, Instant now) {
    synchronized (store) {
      Invite i = store.invites.get(code);
      if (i == null || !i.usableAt(now)) {
        return Optional.empty();
      }
      Invite used =
          new Invite(
              i.code(),
              i.serverId(),
              i.createdBy(),
              i.createdAt(),
              i.expiresAt(),
              i.maxUses(),
              i.uses() + 1,
              i.revokedAt());
      store.invites.put(code, used);
      return Optional.of(used);
    }
  }

  @Override
  public boolean revoke(String code, Instant at) {
    synchronized (store) {
      Invite i = store.invites.get(code);
      if (i == null) {
        return false;
      }
      if (i.revokedAt() == null) {
        store.invites.put(
            code,
            new Invite(
                i.code(),
                i.serverId(),
                i.createdBy(),
                i.createdAt(),
                i.expiresAt(),
                i.maxUses(),
                i.uses(),
                at));
      }
      return true;
    }
  }
}
