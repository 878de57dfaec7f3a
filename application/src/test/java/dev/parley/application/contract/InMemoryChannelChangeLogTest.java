package dev.parley.application.contract;

/** Runs the {@link ChannelChangeLogContract} against the in-memory fake. */
class InMemoryChannelChangeLogTest extends ChannelChangeLogContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
