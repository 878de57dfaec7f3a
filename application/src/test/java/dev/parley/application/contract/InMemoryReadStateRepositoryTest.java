package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryChannelRepository;
import dev.parley.application.fakes.InMemoryMembershipRepository;
import dev.parley.application.fakes.InMemoryMessageRepository;
import dev.parley.application.fakes.InMemoryReadStateRepository;
import dev.parley.application.fakes.InMemoryServerRepository;
import dev.parley.application.fakes.InMemoryStore;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;

/** Runs the {@link ReadStateRepositoryContract} against the in-memory fake. */
class InMemoryReadStateRepositoryTest extends ReadStateRepositoryContract {
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryServerRepository servers = new InMemoryServerRepository(store);
  private final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(store);
  private final InMemoryChannelRepository channels = new InMemoryChannelRepository(store);
  private final InMemoryMessageRepository messages = new InMemoryMessageRepository(store);
  private final InMemoryReadStateRepository readStates = new InMemoryReadStateRepository(store);

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

  @Override
  protected MessageRepository messages() {
    return messages;
  }

  @Override
  protected ReadStateRepository readStates() {
    return readStates;
  }
}
