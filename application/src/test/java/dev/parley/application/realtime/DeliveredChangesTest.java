package dev.parley.application.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each position passes once; the window slides with the channel and remembers what it must. */
class DeliveredChangesTest {
  private final DeliveredChanges delivered = new DeliveredChanges();

  @Test
  void aPositionPassesOncePerChannel() {
    assertThat(delivered.firstDelivery(1, 5)).isTrue();
    assertThat(delivered.firstDelivery(1, 5)).isFalse();
    assertThat(delivered.firstDelivery(2, 5)).isTrue();
    assertThat(delivered.delivered(1, 5)).isTrue();
    assertThat(delivered.delivered(1, 6)).isFalse();
  }

  @Test
  void positionsJustBeforeTheFirstOneSeenStillCountAsMissing() {
    delivered.firstDelivery(1, 100);
    assertThat(delivered.delivered(1, 99)).isFalse();
    assertThat(delivered.firstDelivery(1, 99)).isTrue();
  }

  @Test
  void theWindowSlidesAndKeepsRecentPositions() {
    long last = 3L * DeliveredChanges.WINDOW + 1;
    for (long pos = 1; pos <= last; pos += 2) {
      assertThat(delivered.firstDelivery(1, pos)).isTrue();
    }
    assertThat(delivered.delivered(1, last)).isTrue();
    assertThat(delivered.delivered(1, last - 1)).isFalse();
    assertThat(delivered.delivered(1, last - 2)).isTrue();
    assertThat(delivered.delivered(1, last - 3)).isFalse();
    // Far behind the window: taken as delivered, never repeated.
    assertThat(delivered.firstDelivery(1, 2)).isFalse();
  }

  @Test
  void changesWithoutAPositionAlwaysPass() {
    assertThat(delivered.firstDelivery(1, 0)).isTrue();
    assertThat(delivered.firstDelivery(1, 0)).isTrue();
  }

  @Test
  void aForgottenChannelStartsAfresh() {
    delivered.firstDelivery(1, 7);
    delivered.forget(1);
    assertThat(delivered.delivered(1, 7)).isFalse();
  }
}
