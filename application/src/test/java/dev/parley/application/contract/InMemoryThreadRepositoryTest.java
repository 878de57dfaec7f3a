package dev.parley.application.contract;

/** Runs the {@link ThreadRepositoryContract} against the in-memory fake. */
class InMemoryThreadRepositoryTest extends ThreadRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
