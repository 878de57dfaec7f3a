package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryInviteRepository;
import dev.parley.application.fakes.InMemoryServerRepository;
import dev.parley.application.fakes.InMemoryStore;
import dev.parley.application.port.out.InviteRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;

/** Runs the {@link InviteRepositoryContract} against the in-memory fake. */
class InMemoryInviteRepositoryTest extends InviteRepositoryContract {
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryServerRepository servers = new InMemoryServerRepository(store);
  private final InMemoryInviteRepository invites = new InMemoryInviteRepository(store);

  @Override
  protected UserRepository users() {
    return store.users();
  }

  @Override
  protected ServerRepository servers() {
    return servers;
  }

  @Override
  protected InviteRepository invites() {
    return invites;
  }
}
