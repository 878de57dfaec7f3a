package dev.parley.application.contract;

/** Runs the {@link UserRepositoryContract} against the in-memory fake. */
class InMemoryUserRepositoryTest extends UserRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
