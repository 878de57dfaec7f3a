package dev.parley.application.contract;

/** Runs the {@link PinRepositoryContract} against the in-memory fake. */
class InMemoryPinRepositoryTest extends PinRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
