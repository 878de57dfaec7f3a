package dev.parley.application.contract;

/** Runs the {@link SessionRepositoryContract} against the in-memory fake. */
class InMemorySessionRepositoryTest extends SessionRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
