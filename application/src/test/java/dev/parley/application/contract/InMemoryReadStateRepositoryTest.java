package dev.parley.application.contract;

/** Runs the {@link ReadStateRepositoryContract} against the in-memory fake. */
class InMemoryReadStateRepositoryTest extends ReadStateRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
