package dev.parley.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.OpenCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link OpenCounts} must do. */
public abstract class OpenCountsContract {

  protected abstract OpenCounts counts();

  @Test
  void countsUpToTheCapAndAClosingMakesRoom() {
    assertThat(counts().open("user:1")).isZero();
    assertThat(counts().tryOpen("user:1", 2)).isTrue();
    assertThat(counts().tryOpen("user:1", 2)).isTrue();
    assertThat(counts().tryOpen("user:1", 2)).isFalse();
    assertThat(counts().open("user:1")).isEqualTo(2);

    counts().close("user:1");
    assertThat(counts().open("user:1")).isEqualTo(1);
    assertThat(counts().tryOpen("user:1", 2)).isTrue();
    assertThat(counts().open("user:1")).isEqualTo(2);
  }

  @Test
  void keysAreCountedApartAndClosingAnUnknownKeyIsHarmless() {
    assertThat(counts().tryOpen("user:1", 1)).isTrue();
    assertThat(counts().tryOpen("address:10.0.0.1", 1)).isTrue();
    assertThat(counts().tryOpen("user:2", 1)).isTrue();
    counts().close("user:3");
    assertThat(counts().open("user:3")).isZero();
    counts().close("user:1");
    counts().close("user:1");
    assertThat(counts().open("user:1")).isZero();
    assertThat(counts().open("user:2")).isEqualTo(1);
  }

  @Test
  void concurrentOpeningsNeverPassTheCap() throws Exception {
    int cap = 5;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        attempts.add(() -> counts().tryOpen("user:9", cap));
      }
      int opened = 0;
      for (Future<Boolean> outcome : pool.invokeAll(attempts)) {
        opened += outcome.get() ? 1 : 0;
      }
      assertThat(opened).isEqualTo(cap);
      assertThat(counts().open("user:9")).isEqualTo(cap);
    } finally {
      pool.shutdownNow();
    }
  }
}
