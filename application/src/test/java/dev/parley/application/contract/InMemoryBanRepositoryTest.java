package dev.parley.application.contract;

/** Runs the {@link BanRepositoryContract} against the in-memory fake. */
class InMemoryBanRepositoryTest extends BanRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
