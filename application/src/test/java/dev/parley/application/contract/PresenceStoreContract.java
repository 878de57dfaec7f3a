package dev.parley.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.PresenceStore;
import dev.parley.domain.server.Presence;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link PresenceStore} must do. */
public abstract class PresenceStoreContract {

  protected abstract PresenceStore presence();

  private String statusOf(long userId) {
    return presence().statuses(List.of(userId)).get(userId);
  }

  @Test
  void unknownUsersAreOffline() {
    assertThat(presence().statuses(List.of(1L, 2L)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(1L, Presence.OFFLINE, 2L, Presence.OFFLINE));
    assertThat(presence().statuses(List.of())).isEmpty();
  }

  @Test
  void aUserIsOnlineWhileAnyConnectionLives() {
    assertThat(presence().connected(1)).isEqualTo(1);
    assertThat(presence().connected(1)).isEqualTo(2);
    assertThat(presence().connected(2)).isEqualTo(1);
    assertThat(statusOf(1)).isEqualTo(Presence.ONLINE);

    assertThat(presence().disconnected(1)).isEqualTo(1);
    assertThat(statusOf(1)).isEqualTo(Presence.ONLINE);
    assertThat(presence().disconnected(1)).isZero();
    assertThat(statusOf(1)).isEqualTo(Presence.OFFLINE);
    assertThat(statusOf(2)).isEqualTo(Presence.ONLINE);
  }

  @Test
  void disconnectingWithoutAConnectionStaysAtZero() {
    assertThat(presence().disconnected(3)).isZero();
    presence().connected(3);
    presence().disconnected(3);
    assertThat(presence().disconnected(3)).isZero();

    assertThat(presence().connected(3)).isEqualTo(1);
    assertThat(statusOf(3)).isEqualTo(Presence.ONLINE);
  }

  @Test
  void theChosenStatusShowsWhileConnected() {
    presence().connected(1);

    presence().setChosenStatus(1, Presence.IDLE);
    assertThat(statusOf(1)).isEqualTo(Presence.IDLE);
    presence().setChosenStatus(1, Presence.DND);
    assertThat(statusOf(1)).isEqualTo(Presence.DND);
    presence().setChosenStatus(1, Presence.INVISIBLE);
    assertThat(statusOf(1)).isEqualTo(Presence.OFFLINE);
    presence().setChosenStatus(1, null);
    assertThat(statusOf(1)).isEqualTo(Presence.ONLINE);
  }

  @Test
  void theChosenStatusOutlivesTheConnections() {
    presence().setChosenStatus(1, Presence.DND);
    assertThat(statusOf(1)).isEqualTo(Presence.OFFLINE);

    presence().connected(1);
    assertThat(statusOf(1)).isEqualTo(Presence.DND);
    presence().disconnected(1);
    assertThat(statusOf(1)).isEqualTo(Presence.OFFLINE);
    presence().connected(1);
    assertThat(statusOf(1)).isEqualTo(Presence.DND);
  }

  @Test
  void invisibleNamesThoseWhoChoseItConnectedOrNot() {
    presence().connected(1);
    presence().connected(2);
    presence().setChosenStatus(1, Presence.INVISIBLE);
    presence().setChosenStatus(2, Presence.DND);
    presence().setChosenStatus(3, Presence.INVISIBLE);

    assertThat(presence().invisible(List.of(1L, 2L, 3L, 4L, 1L))).isEqualTo(Set.of(1L, 3L));
    assertThat(presence().invisible(List.of())).isEmpty();

    presence().setChosenStatus(1, null);
    assertThat(presence().invisible(List.of(1L))).isEmpty();
  }

  @Test
  void statusesAnswerForEachAskedUser() {
    presence().connected(1);
    presence().connected(2);
    presence().setChosenStatus(2, Presence.IDLE);
    presence().setChosenStatus(3, Presence.DND);

    assertThat(presence().statuses(List.of(1L, 2L, 3L, 4L, 1L)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                1L, Presence.ONLINE,
                2L, Presence.IDLE,
                3L, Presence.OFFLINE,
                4L, Presence.OFFLINE));
  }

  @Test
  void concurrentConnectsAndDisconnectsBalance() throws Exception {
    int threads = 8;
    presence().connected(7);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      pool.execute(
          () -> {
            for (int i = 0; i < 1000; i++) {
              presence().connected(7);
              if (i % 10 == thread) {
                presence().setChosenStatus(7, i % 20 == 0 ? null : Presence.IDLE);
              }
              presence().disconnected(7);
            }
            done.countDown();
          });
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();

    presence().setChosenStatus(7, null);
    assertThat(statusOf(7)).isEqualTo(Presence.ONLINE);
    assertThat(presence().disconnected(7)).isZero();
    assertThat(statusOf(7)).isEqualTo(Presence.OFFLINE);
  }
}
