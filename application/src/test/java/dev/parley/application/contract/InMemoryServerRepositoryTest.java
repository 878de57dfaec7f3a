package dev.parley.application.contract;

/** Runs the {@link ServerRepositoryContract} against the in-memory fake. */
class InMemoryServerRepositoryTest extends ServerRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
