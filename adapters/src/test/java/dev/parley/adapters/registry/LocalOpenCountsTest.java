package dev.parley.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.contract.OpenCountsContract;
import dev.parley.application.port.out.OpenCounts;
import org.junit.jupiter.api.Test;

/** Runs the {@link OpenCountsContract} against this node's memory, and checks that memory. */
class LocalOpenCountsTest extends OpenCountsContract {
  private final LocalOpenCounts counts = new LocalOpenCounts();

  @Override
  protected OpenCounts counts() {
    return counts;
  }

  @Test
  void keysAtZeroAreForgotten() {
    counts.tryOpen("a", 3);
    counts.tryOpen("a", 3);
    counts.tryOpen("b", 3);
    assertThat(counts.size()).isEqualTo(2);
    counts.close("a");
    counts.close("b");
    assertThat(counts.size()).isEqualTo(1);
    counts.close("a");
    assertThat(counts.size()).isZero();
  }
}
