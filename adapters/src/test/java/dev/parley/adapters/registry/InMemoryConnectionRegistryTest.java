package dev.parley.adapters.registry;

import dev.parley.application.contract.ConnectionRegistryContract;
import dev.parley.application.port.out.ConnectionRegistry;

class InMemoryConnectionRegistryTest extends ConnectionRegistryContract {
  private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
