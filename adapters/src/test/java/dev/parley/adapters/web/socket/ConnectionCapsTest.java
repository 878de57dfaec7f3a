package dev.parley.adapters.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.registry.LocalOpenCounts;
import org.junit.jupiter.api.Test;

class ConnectionCapsTest {

  private static ConnectionCaps caps(int perUser, int perAddress) {
    SocketLimits limits = new SocketLimits();
    limits.setMaxConnectionsPerUser(perUser);
    limits.setMaxConnectionsPerAddress(perAddress);
    return new ConnectionCaps(limits, new LocalOpenCounts());
  }

  @Test
  void countsPerUserAndPerAddressAndFreesOnRelease() {
    ConnectionCaps caps = caps(2, 3);
    assertThat(caps.tryAcquire(1, "a")).isEmpty();
    assertThat(caps.tryAcquire(1, "a")).isEmpty();
    assertThat(caps.refusal(1, "b")).hasValueSatisfying(m -> assertThat(m).contains("account"));
    assertThat(caps.tryAcquire(1, "b")).isPresent();

    assertThat(caps.tryAcquire(2, "a")).isEmpty();
    assertThat(caps.refusal(3, "a")).hasValueSatisfying(m -> assertThat(m).contains("address"));
    // A refusal by address leaves the user's count as it was.
    assertThat(caps.tryAcquire(3, "a")).isPresent();
    assertThat(caps.tryAcquire(3, "c")).isEmpty();
    assertThat(caps.tryAcquire(3, "c")).isEmpty();

    caps.release(1, "a");
    assertThat(caps.refusal(1, "a")).isEmpty();
    assertThat(caps.tryAcquire(1, "b")).isEmpty();
  }
}
