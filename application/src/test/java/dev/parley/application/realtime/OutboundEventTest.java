package dev.parley.application.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.event.ServerDeleted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundEventTest {
  private final OutboundEvent event = new OutboundEvent(new ServerDeleted(1, "gone"));

  @Test
  void eachOwnerDerivesOnceAndKeepsItsOwnValue() {
    Object nativeSurface = new Object();
    Object roomSurface = new Object();
    AtomicInteger calls = new AtomicInteger();

    String first = event.shared(nativeSurface, e -> "native-" + calls.incrementAndGet());
    String again = event.shared(nativeSurface, e -> "native-" + calls.incrementAndGet());
    String other = event.shared(roomSurface, e -> "rooms-" + calls.incrementAndGet());

    assertThat(first).isEqualTo("native-1").isSameAs(again);
    assertThat(other).isEqualTo("rooms-2");
    String late = event.shared(nativeSurface, e -> "late");
    assertThat(late).isSameAs(first);
  }

  @Test
  void concurrentRecipientsAllGetTheSameValue() throws Exception {
    Object owner = new Object();
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return event.shared(owner, e -> "value-" + n);
                }));
      }
      start.countDown();
      String seen = results.get(0).get();
      for (Future<String> result : results) {
        assertThat(result.get()).isSameAs(seen);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
