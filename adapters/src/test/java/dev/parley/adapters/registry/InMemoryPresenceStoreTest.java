package dev.parley.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.contract.PresenceStoreContract;
import dev.parley.application.port.out.PresenceStore;
import dev.parley.domain.server.Presence;
import org.junit.jupiter.api.Test;

/** Runs the {@link PresenceStoreContract} against the in-memory store, and checks its memory. */
class InMemoryPresenceStoreTest extends PresenceStoreContract {
  private final InMemoryPresenceStore presence = new InMemoryPresenceStore();

  @Override
  protected PresenceStore presence() {
    return presence;
  }

  @Test
  void forgetsUsersWithNeitherAConnectionNorAChosenStatus() {
    presence.connected(1);
    presence.connected(1);
    presence.connected(2);
    presence.setChosenStatus(2, Presence.DND);
    presence.setChosenStatus(3, null);
    presence.disconnected(4);
    assertThat(presence.trackedUsers()).isEqualTo(2);

    presence.disconnected(1);
    assertThat(presence.trackedUsers()).isEqualTo(2);
    presence.disconnected(1);
    assertThat(presence.trackedUsers()).isEqualTo(1);

    presence.disconnected(2);
    assertThat(presence.trackedUsers()).isEqualTo(1);
    presence.setChosenStatus(2, null);
    assertThat(presence.trackedUsers()).isZero();
  }
}
