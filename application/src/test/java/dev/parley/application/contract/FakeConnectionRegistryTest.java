package dev.parley.application.contract;

import dev.parley.application.fakes.FakeConnectionRegistry;
import dev.parley.application.port.out.ConnectionRegistry;

class FakeConnectionRegistryTest extends ConnectionRegistryContract {
  private final FakeConnectionRegistry registry = new FakeConnectionRegistry();

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
