package dev.parley.application.contract;

/** Runs the {@link MessageExportContract} against the in-memory fake. */
class InMemoryMessageExportTest extends MessageExportContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
