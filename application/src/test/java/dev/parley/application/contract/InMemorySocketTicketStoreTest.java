package dev.parley.application.contract;

/** Runs the {@link SocketTicketStoreContract} against the in-memory fake. */
class InMemorySocketTicketStoreTest extends SocketTicketStoreContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
