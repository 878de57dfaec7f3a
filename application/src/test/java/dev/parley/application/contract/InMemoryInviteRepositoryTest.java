package dev.parley.application.contract;

/** Runs the {@link InviteRepositoryContract} against the in-memory fake. */
class InMemoryInviteRepositoryTest extends InviteRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
