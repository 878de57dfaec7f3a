package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryBotRepository;
import dev.parley.application.port.out.BotRepository;

/** Runs the {@link BotRepositoryContract} against the in-memory fake. */
class InMemoryBotRepositoryTest extends BotRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();
  private final InMemoryBotRepository bots = new InMemoryBotRepository();

  @Override
  protected OutPorts ports() {
    return ports;
  }

  @Override
  protected BotRepository bots() {
    return bots;
  }
}
