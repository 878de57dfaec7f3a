package dev.parley.application.contract;

/** Runs the {@link MembershipRepositoryContract} against the in-memory fake. */
class InMemoryMembershipRepositoryTest extends MembershipRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
