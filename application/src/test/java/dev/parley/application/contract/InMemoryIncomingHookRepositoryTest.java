package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryIncomingHookRepository;
import dev.parley.application.port.out.IncomingHookRepository;

/** Runs the {@link IncomingHookRepositoryContract} against the in-memory fake. */
class InMemoryIncomingHookRepositoryTest extends IncomingHookRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();
  private final InMemoryIncomingHookRepository hooks = new InMemoryIncomingHookRepository();

  @Override
  protected OutPorts ports() {
    return ports;
  }

  @Override
  protected IncomingHookRepository hooks() {
    return hooks;
  }
}
