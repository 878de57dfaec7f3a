package dev.parley.application.contract;

/** Runs the {@link ChannelRepositoryContract} against the in-memory fake. */
class InMemoryChannelRepositoryTest extends ChannelRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
