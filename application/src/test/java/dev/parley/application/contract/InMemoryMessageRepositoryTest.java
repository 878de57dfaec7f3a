package dev.parley.application.contract;

/** Runs the {@link MessageRepositoryContract} against the in-memory fake. */
class InMemoryMessageRepositoryTest extends MessageRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
