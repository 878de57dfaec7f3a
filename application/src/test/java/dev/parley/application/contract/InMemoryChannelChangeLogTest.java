package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryChannelChangeLog;
import dev.parley.application.fakes.InMemoryChannelRepository;
import dev.parley.application.fakes.InMemoryMessageRepository;
import dev.parley.application.fakes.InMemoryServerRepository;
import dev.parley.application.fakes.InMemoryStore;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;

/** Runs the {@link ChannelChangeLogContract} against the in-memory fake. */
class InMemoryChannelChangeLogTest extends ChannelChangeLogContract {
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryServerRepository servers = new InMemoryServerRepository(store);
  private final InMemoryChannelRepository channels = new InMemoryChannelRepository(store);
  private final InMemoryMessageRepository messages = new InMemoryMessageRepository(store);
  private final InMemoryChannelChangeLog changes = new InMemoryChannelChangeLog(store);

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

  @Override
  protected MessageRepository messages() {
    return messages;
  }

  @Override
  protected ChannelChangeLog changes() {
    return changes;
  }
}
