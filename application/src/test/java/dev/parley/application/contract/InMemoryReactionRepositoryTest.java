package dev.parley.application.contract;

/** Runs the {@link ReactionRepositoryContract} against the in-memory fake. */
class InMemoryReactionRepositoryTest extends ReactionRepositoryContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
