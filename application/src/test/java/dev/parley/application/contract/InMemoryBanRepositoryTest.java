package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryBanRepository;
import dev.parley.application.fakes.InMemoryServerRepository;
import dev.parley.application.fakes.InMemoryStore;
import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;

/** Runs the {@link BanRepositoryContract} against the in-memory fake. */
class InMemoryBanRepositoryTest extends BanRepositoryContract {
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryServerRepository servers = new InMemoryServerRepository(store);
  private final InMemoryBanRepository bans = new InMemoryBanRepository(store);

  @Override
  protected UserRepository users() {
    return store.users();
  }

  @Override
  protected ServerRepository servers() {
    return servers;
  }

  @Override
  protected BanRepository bans() {
    return bans;
  }
}
