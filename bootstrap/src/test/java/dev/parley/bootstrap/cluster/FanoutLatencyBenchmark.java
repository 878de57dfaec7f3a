package dev.parley.bootstrap.cluster;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: measures send-to-receive latency of a gateway message (socket frame in, commit, fan
 * out, socket frame out) on one node without Redis, and with two nodes sharing Redis, for a
 * receiver on the sender's node and one on the other node. Prints percentiles; asserts nothing.
 * Run: {@code ./mvnw -B -pl bootstrap -am verify -Dtest=FanoutLatencyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dparley.bench=true} (figures in the test's output file).
 */
@EnabledIfSystemProperty(named = "parley.bench", matches = "true")
class FanoutLatencyBenchmark {
  private static final int WARMUP = 200;
  private static final int MESSAGES = Integer.getInteger("parley.bench.messages", 1000);
  private static final int PER_SECOND = Integer.getInteger("parley.bench.rate", 50);

  @Test
  void measure() throws Exception {
    String database = TestPostgres.freshDatabaseUrl();
    try (ParleyNode alone = ParleyNode.start(database, null, null)) {
      run(alone, alone); // warms the JVM up (both setups share it); not reported
    }
    try (TestRedis redis = TestRedis.start();
        ParleyNode a = ParleyNode.start(database, redis.uri(), "bench:");
        ParleyNode b = ParleyNode.start(database, redis.uri(), "bench:")) {
      long[][] both = run(b, a);
      report("two nodes, other node   ", both[0]);
      report("two nodes, same node    ", both[1]);
    }
    try (ParleyNode alone = ParleyNode.start(database, null, null)) {
      report("one node, no Redis      ", run(alone, alone)[1]);
    }
  }

  /**
   * The sender and one receiver on {@code senderNode}, another receiver on {@code otherNode};
   * returns {latencies on the other node, latencies on the sender's node} in microseconds.
   */
  private static long[][] run(ParleyNode senderNode, ParleyNode otherNode) throws Exception {
    Session sender = senderNode.api.newUser("sender");
    Session near = senderNode.api.newUser("near");
    Session far = otherNode.api.newUser("far");
    long server = senderNode.fx.server(sender, "Bench");
    long channel = senderNode.fx.channel(sender, server, "general", "TEXT");
    senderNode.fx.member(sender, server, near);
    senderNode.fx.member(sender, server, far);
    int total = WARMUP + MESSAGES;
    try (WsClient out = senderNode.fx.gateway(sender);
        WsClient nearWs = senderNode.fx.gateway(near);
        WsClient farWs = otherNode.fx.gateway(far)) {
      long[] sentAt = new long[total];
      Receiver farReceiver = new Receiver(farWs, sentAt, total);
      Receiver nearReceiver = new Receiver(nearWs, sentAt, total);
      farReceiver.start();
      nearReceiver.start();
      long interval = 1_000_000_000L / PER_SECOND;
      long next = System.nanoTime();
      for (int i = 0; i < total; i++) {
        LockSupport.parkNanos(next - System.nanoTime());
        next += interval;
        sentAt[i] = System.nanoTime();
        out.send(
            "{\"type\":\"send_message\",\"channelId\":"
                + channel
                + ",\"text\":\"m "
                + i
                + "\",\"nonce\":\"b-"
                + i
                + "\"}");
      }
      farReceiver.join(60_000);
      nearReceiver.join(60_000);
      return new long[][] {farReceiver.latencies(), nearReceiver.latencies()};
    }
  }

  /** Reads {@code new_message} frames and records how long after their send each arrived. */
  private static final class Receiver extends Thread {
    private final WsClient ws;
    private final long[] sentAt;
    private final int total;
    private final List<Long> micros = new ArrayList<>();

    Receiver(WsClient ws, long[] sentAt, int total) {
      this.ws = ws;
      this.sentAt = sentAt;
      this.total = total;
    }

    @Override
    public void run() {
      int seen = 0;
      while (seen < total) {
        JsonNode frame = ws.next(Duration.ofSeconds(20));
        if (frame == null) {
          return;
        }
        long now = System.nanoTime();
        if (!"new_message".equals(frame.get("type").getStringValue())) {
          continue;
        }
        int i = Integer.parseInt(frame.get("text").getStringValue().substring(2));
        if (i >= WARMUP) {
          micros.add((now - sentAt[i]) / 1000);
        }
        seen++;
      }
    }

    long[] latencies() {
      return micros.stream().mapToLong(Long::longValue).sorted().toArray();
    }
  }

  private static void report(String label, long[] sorted) {
    Arrays.sort(sorted);
    System.out.println(
        String.format(
            Locale.ROOT,
            "BENCH %s n=%d at %d msg/s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
            label,
            sorted.length,
            PER_SECOND,
            at(sorted, 0.50),
            at(sorted, 0.90),
            at(sorted, 0.99),
            sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0));
  }

  private static double at(long[] sorted, double q) {
    return sorted.length == 0
        ? 0
        : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1000.0;
  }
}
