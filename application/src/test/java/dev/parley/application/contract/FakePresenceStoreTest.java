package dev.parley.application.contract;

import dev.parley.application.fakes.FakePresenceStore;
import dev.parley.application.port.out.PresenceStore;

/** Runs the {@link PresenceStoreContract} against the fake. */
class FakePresenceStoreTest extends PresenceStoreContract {
  private final FakePresenceStore presence = new FakePresenceStore();

  @Override
  protected PresenceStore presence() {
    return presence;
  }
}
