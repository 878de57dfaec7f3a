package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryChannelRepository;
import dev.parley.application.fakes.InMemoryServerRepository;
import dev.parley.application.fakes.InMemoryStore;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;

/** Runs the {@link ChannelRepositoryContract} against the in-memory fake. */
class InMemoryChannelRepositoryTest extends ChannelRepositoryContract {
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryServerRepository servers = new InMemoryServerRepository(store);
  private final InMemoryChannelRepository channels = new InMemoryChannelRepository(store);

  @Override
  protected UserRepository users() {
    return store.users();
  }

  @Override
  protected ServerRepository servers() {
    return servers;
  }

  @Override
  protected ChannelRepository channels() {
    return channels;
  }
}
