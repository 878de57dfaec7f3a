package dev.parley.application.contract;

/** Runs the {@link AttachmentRepositoryContract} against the in-memory fake. */
class InMemoryAttachmentRepositoryTest extends AttachmentRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
