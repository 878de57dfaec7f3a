package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryChannelRepository;
import dev.parley.application.fakes.InMemoryMembershipRepository;
import dev.parley.application.fakes.InMemoryServerRepository;
import dev.parley.application.fakes.InMemoryStore;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;

/** Runs the {@link MembershipRepositoryContract} against the in-memory fake. */
class InMemoryMembershipRepositoryTest extends MembershipRepositoryContract {
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryServerRepository servers = new InMemoryServerRepository(store);
  private final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(store);
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
  protected MembershipRepository memberships() {
    return memberships;
  }

  @Override
  protected ChannelRepository channels() {
    return channels;
  }
}
