package dev.parley.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingGateTest {

  @Test
  void neverRunsMoreHashesAtOnceThanAllowedAndRunsThemAll() throws Exception {
    HashingGate gate = new HashingGate(2);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int n = i;
      results.add(
          pool.submit(
              () -> {
                start.await();
                return gate.run(
                    () -> {
                      try {
                        Thread.sleep(20);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return n;
                    });
              }));
    }
    start.countDown();
    int sum = 0;
    for (Future<Integer> f : results) {
      sum += f.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(sum).isEqualTo(120);
    assertThat(gate.mostRunning()).isEqualTo(2);
  }

  @Test
  void realHashesStillVerifyThroughTheGate() {
    BcryptPasswordHasher hasher = new BcryptPasswordHasher(4, 1, new SimpleMeterRegistry());
    String hash = hasher.hash(dev.parley.domain.user.RawPassword.forLogin("correct horse"));
    assertThat(hasher.matches(dev.parley.domain.user.RawPassword.forLogin("correct horse"), hash))
        .isTrue();
    assertThat(hasher.matches(dev.parley.domain.user.RawPassword.forLogin("wrong horse"), hash))
        .isFalse();
  }
}
