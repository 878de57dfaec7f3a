package dev.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenario 2: one sender, M channel members, fixed offered delivery rates. Latency is from the
 * intended send time (in the message text) to arrival at each member.
 */
final class FanOut {
  private final Bench bench;
  private final Recorder recorder = Load.recorder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicLong lastDelivery = new AtomicLong();

  FanOut(Bench bench) {
    this.bench = bench;
  }

  /** One target's sockets for one group size. */
  record Group(Ws sender, List<Ws> receivers, String prefix) {}

  void run() {
    List<Integer> sizes = bench.ints("members", "10,100,1000");
    double seconds = Double.parseDouble(bench.get("seconds", "8"));
    String targets = bench.get("targets", "parley,peer");
    Map<String, String> best = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 2: fan-out, 1 sender to M members, open loop\n\n");
    table.append(
        "| target | M | offered deliv/s | msgs/s | achieved deliv/s | p50 ms | p99 ms | p99.9 ms | max ms | lost | errors |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Setup setup = targets.contains("parley") ? new Setup(sizes) : null;
    for (int m : sizes) {
      for (String target : targets.split(",")) {
        Group group = target.equals("parley") ? setup.connect(m) : peer(m);
        try {
          double top = 0;
          List<Integer> rates = bench.ints("rates" + m, defaultRates(m));
          // Warm-up (JIT, pools) at the lowest rate, not recorded.
          level(group, m, rates.get(0) / (double) m, Double.parseDouble(bench.get("warmup", "3")));
          for (int rate : rates) {
            double msgs = rate / (double) m;
            Row row = level(group, m, msgs, seconds);
            table.append(
                Bench.f(
                    "| %s | %d | %d | %.0f | %.0f | %s | %s | %s | %s | %d | %d |\n",
                    target,
                    m,
                    rate,
                    msgs,
                    row.achieved,
                    Load.ms(row.h, 50),
                    Load.ms(row.h, 99),
                    Load.ms(row.h, 99.9),
                    Bench.f("%.2f", row.h.getMaxValue() / 1000.0),
                    row.lost,
                    row.errors));
            System.out.print(table.substring(table.lastIndexOf("| " + target)));
            boolean ok = row.h.getValueAtPercentile(99) < 100_000 && row.achieved >= 0.9 * rate;
            if (ok) {
              top = Math.max(top, row.achieved);
            } else {
              break;
            }
          }
          best.put(target + "/" + m, Bench.f("%.0f", top));
        } finally {
          group.sender.abort();
          Load.closeAll(group.receivers);
          Bench.sleep(2000);
        }
      }
    }
    table.append("\nHighest achieved deliveries/s with p99 < 100 ms (and >= 90 % of offered):\n\n");
    table.append("| M | Parley | Node ws peer | ratio Parley/peer |\n|---:|---:|---:|---:|\n");
    for (int m : sizes) {
      String p = best.getOrDefault("parley/" + m, "-");
      String n = best.getOrDefault("peer/" + m, "-");
      String ratio =
          p.equals("-") || n.equals("-") || Double.parseDouble(n) == 0
              ? "-"
              : Bench.f("%.2f", Double.parseDouble(p) / Double.parseDouble(n));
      table.append(Bench.f("| %d | %s | %s | %s |\n", m, p, n, ratio));
    }
    bench.report(table.toString());
  }

  private static String defaultRates(int m) {
    if (m <= 10) {
      return "1000,2000,5000,10000,20000";
    }
    if (m <= 100) {
      return "2000,5000,10000,20000,40000,60000";
    }
    return "5000,10000,20000,40000,60000,80000";
  }

  record Row(Histogram h, double achieved, long lost, long errors) {}

  Row level(Group group, int m, double msgsPerSecond, double seconds) {
    recorder.reset();
    delivered.reset();
    errors.reset();
    long start = System.nanoTime();
    long[] counter = {0};
    long sent =
        Load.pace(
            msgsPerSecond,
            seconds,
            intended -> group.sender.send(frame(group.prefix, intended, counter[0]++)));
    long expected = sent * m;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (delivered.sum() < expected && System.nanoTime() < deadline) {
      Bench.sleep(20);
    }
    long got = delivered.sum();
    double elapsed = Math.max(seconds, (lastDelivery.get() - start) / 1e9);
    Histogram h = recorder.getIntervalHistogram();
    return new Row(h, got / elapsed, Math.max(0, expected - got), errors.sum());
  }

  private static String frame(String prefix, long intended, long i) {
    return prefix + "\"text\":\"b ~T" + intended + "~\",\"nonce\":\"T" + intended + "_" + i + "\"}";
  }

  private void receive(String frame) {
    long t = Bench.number(frame, "~T");
    if (t > 0) {
      Load.record(recorder, t);
      delivered.increment();
      lastDelivery.set(System.nanoTime());
    }
  }

  private void senderFrame(String frame) {
    if (frame.contains("\"type\":\"error\"")) {
      if (errors.sum() < 3) {
        Bench.log("error frame: %s", frame);
      }
      errors.increment();
    }
  }

  private Group peer(int m) {
    String url = bench.peer() + "/?room=fan" + m;
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      urls.add(url);
    }
    List<Ws> receivers = Load.openAll(urls, i -> this::receive, "\"type\":\"connected\"", 200, 120);
    Ws sender =
        Load.openAll(List.of(url), i -> this::senderFrame, "\"type\":\"connected\"", 1, 30).get(0);
    Bench.sleep(1000);
    return new Group(sender, receivers, "{\"type\":\"send_message\",");
  }

  /** Parley's users, servers and channels for every group size, made once. */
  final class Setup {
    final Api api = new Api(bench.parley());
    final Api.User owner;
    final List<Api.User> users;
    final Map<Integer, long[]> channels = new LinkedHashMap<>();

    Setup(List<Integer> sizes) {
      String run = bench.runId();
      int max = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
      owner = api.register("fanowner" + run);
      Bench.log("registering %d receivers", max);
      users = api.users("fan" + run + "_", max);
      for (int m : sizes) {
        long server = api.server(owner, "fan" + m);
        long channel = api.channel(owner, server, "fan" + m);
        api.members(owner, server, users.subList(0, m));
        channels.put(m, new long[] {server, channel});
      }
    }

    Group connect(int m) {
      long[] sc = channels.get(m);
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < m; i++) {
        urls.add(api.gateway(users.get(i).token(), false));
      }
      List<Ws> receivers =
          Load.openAll(urls, i -> FanOut.this::receive, "\"type\":\"connected\"", 100, 120);
      Ws sender =
          Load.openAll(
                  List.of(api.gateway(owner.token(), false)),
                  i -> FanOut.this::senderFrame,
                  "\"type\":\"connected\"",
                  1,
                  30)
              .get(0);
      // Presence updates of the members connecting settle before measuring.
      Bench.sleep(3000);
      return new Group(
          sender,
          receivers,
          "{\"type\":\"send_message\",\"serverId\":" + sc[0] + ",\"channelId\":" + sc[1] + ",");
    }
  }
}
