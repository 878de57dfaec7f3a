package dev.parley.application.contract;

/** Runs the {@link WebhookStoreContract} against the in-memory fake. */
class InMemoryWebhookStoreTest extends WebhookStoreContract {
  private final OutPorts ports = new InMemoryOutPorts();

  @Override
  protected OutPorts ports() {
    return ports;
  }
}
