package dev.parley.application.contract;

/** Runs the {@link MessageSearchContract} against the in-memory fake. */
class InMemoryMessageSearchTest extends MessageSearchContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
