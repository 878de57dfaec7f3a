package dev.parley.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.realtime.ClientConnection;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.event.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectionRegistry} must do. */
public abstract class ConnectionRegistryContract {

  protected abstract ConnectionRegistry registry();

  private List<ClientConnection> subscribers(Topic topic) {
    List<ClientConnection> found = new ArrayList<>();
    registry().forEachSubscriber(topic, found::add);
    return found;
  }

  @Test
  void indexesByTopicUserAndBoundServer() {
    var a = new RecordingConnection(1, ConnectionScope.EVERYTHING);
    var b = new RecordingConnection(1, ConnectionScope.channel(10));
    var c = new RecordingConnection(2, ConnectionScope.EVERYTHING);
    registry().register(a);
    registry().register(b);
    registry().bind(b, 5);
    registry().register(c);
    registry().subscribe(a, Topic.server(5));
    registry().subscribe(c, Topic.server(5));
    registry().subscribe(b, Topic.channel(10));

    assertThat(subscribers(Topic.server(5))).containsExactlyInAnyOrder(a, c);
    assertThat(subscribers(Topic.channel(10))).containsExactly(b);
    assertThat(subscribers(Topic.server(6))).isEmpty();
    assertThat(registry().connectionsOf(1)).containsExactlyInAnyOrder(a, b);
    assertThat(registry().boundTo(5)).containsExactly(b);
    assertThat(registry().size()).isEqualTo(3);

    registry().unsubscribe(c, Topic.server(5));
    assertThat(subscribers(Topic.server(5))).containsExactly(a);

    registry().unregister(a);
    registry().unregister(b);
    assertThat(subscribers(Topic.server(5))).isEmpty();
    assertThat(subscribers(Topic.channel(10))).isEmpty();
    assertThat(registry().connectionsOf(1)).isEmpty();
    assertThat(registry().boundTo(5)).isEmpty();
    assertThat(registry().size()).isEqualTo(1);
  }

  @Test
  void subscribingAnUnregisteredConnectionDoesNothing() {
    var ghost = new RecordingConnection(9, ConnectionScope.EVERYTHING);
    registry().subscribe(ghost, Topic.user(9));
    registry().bind(ghost, 3);
    assertThat(subscribers(Topic.user(9))).isEmpty();
    assertThat(registry().boundTo(3)).isEmpty();
    registry().unregister(ghost);
    registry().unsubscribe(ghost, Topic.user(9));
  }

  @Test
  void unsubscribingWhileIteratingIsSafe() {
    List<RecordingConnection> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      var c = new RecordingConnection(100 + i, ConnectionScope.EVERYTHING);
      all.add(c);
      registry().register(c);
      registry().subscribe(c, Topic.server(77));
    }
    registry()
        .forEachSubscriber(Topic.server(77), c -> registry().unsubscribe(c, Topic.server(77)));
    assertThat(subscribers(Topic.server(77))).isEmpty();
    all.forEach(registry()::unregister);
  }

  @Test
  void concurrentRegistrationsAndRemovalsLeaveNothingBehind() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch done = new CountDownLatch(8);
    for (int t = 0; t < 8; t++) {
      int thread = t;
      pool.execute(
          () -> {
            for (int i = 0; i < 500; i++) {
              var c = new RecordingConnection(1000 + thread, ConnectionScope.EVERYTHING);
              registry().register(c);
              registry().subscribe(c, Topic.server(thread % 2));
              registry().unregister(c);
            }
            done.countDown();
          });
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    assertThat(subscribers(Topic.server(0))).isEmpty();
    assertThat(subscribers(Topic.server(1))).isEmpty();
    assertThat(registry().size()).isZero();
  }
}
