package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenario 2: one sender, M room members, fixed offered delivery rates, against Parley and each
 * peer in turn. Latency is from the intended send time (in the message text) to arrival at each
 * member.
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
  record Group(Target.Conn sender, List<Target.Conn> receivers) {}

  private final Target.Listener receiver =
      new Target.Listener() {
        @Override
        public void message(long sentNanos) {
          if (sentNanos > 0) {
            Load.record(recorder, sentNanos);
            delivered.increment();
            lastDelivery.set(System.nanoTime());
          }
        }
      };

  private final Target.Listener sender =
      new Target.Listener() {
        @Override
        public void error(String frame) {
          if (errors.sum() < 3) {
            Bench.log("error frame: %s", frame);
          }
          errors.increment();
        }
      };

  void run() {
    List<Integer> sizes = bench.ints("members", "10,100,1000");
    double seconds = Double.parseDouble(bench.get("seconds", "8"));
    List<Target> targets = Target.list(bench, "ws");
    String run = bench.runId();
    Map<String, String> best = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 2: fan-out, 1 sender to M members, open loop\n\n");
    table.append(
        "| target | M | offered deliv/s | msgs/s | achieved deliv/s | p50 ms | p99 ms | p99.9 ms | max ms | lost | errors |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int m : sizes) {
      for (Target target : targets) {
        Group group;
        try {
          group = connect(target, "f" + run + "_" + m, m);
        } catch (RuntimeException e) {
          Bench.log("%s: fan-out setup for M=%d failed: %s", target.name(), m, e);
          table.append(Bench.f("| %s | %d | setup failed: %s |||||||||\n", target.name(), m, e));
          best.put(target.name() + "/" + m, "failed");
          continue;
        }
        try {
          double top = 0;
          List<Integer> rates = bench.ints("rates" + m, defaultRates(m));
          // Warm-up (JIT, pools) at the lowest rate, not recorded.
          level(group, m, rates.get(0) / (double) m, Double.parseDouble(bench.get("warmup", "3")));
          for (int rate : rates) {
            double msgs = rate / (double) m;
            Row row = level(group, m, msgs, seconds);
            String line =
                Bench.f(
                    "| %s | %d | %d | %.0f | %.0f | %s | %s | %s | %s | %d | %d |\n",
                    target.name(),
                    m,
                    rate,
                    msgs,
                    row.achieved,
                    Load.ms(row.h, 50),
                    Load.ms(row.h, 99),
                    Load.ms(row.h, 99.9),
                    Bench.f("%.2f", row.h.getMaxValue() / 1000.0),
                    row.lost,
                    row.errors);
            table.append(line);
            System.out.print(line);
            boolean ok = row.h.getValueAtPercentile(99) < 100_000 && row.achieved >= 0.9 * rate;
            if (ok) {
              top = Math.max(top, row.achieved);
            } else {
              break;
            }
          }
          best.put(target.name() + "/" + m, Bench.f("%.0f", top));
        } finally {
          group.sender.close();
          group.receivers.parallelStream().forEach(Target.Conn::close);
          Bench.sleep(2000);
        }
      }
    }
    table.append("\nHighest achieved deliveries/s with p99 < 100 ms (and >= 90 % of offered):\n\n");
    StringBuilder head = new StringBuilder("| M |");
    StringBuilder rule = new StringBuilder("|---:|");
    for (Target t : targets) {
      head.append(' ').append(t.name()).append(" |");
      rule.append("---:|");
    }
    for (Target t : targets.subList(1, targets.size())) {
      head.append(' ').append(targets.get(0).name()).append(" / ").append(t.name()).append(" |");
      rule.append("---:|");
    }
    table.append(head).append('\n').append(rule).append('\n');
    for (int m : sizes) {
      StringBuilder line = new StringBuilder("| " + m + " |");
      for (Target t : targets) {
        line.append(' ').append(best.getOrDefault(t.name() + "/" + m, "-")).append(" |");
      }
      String first = best.getOrDefault(targets.get(0).name() + "/" + m, "-");
      for (Target t : targets.subList(1, targets.size())) {
        line.append(' ').append(ratio(first, best.getOrDefault(t.name() + "/" + m, "-")));
        line.append(" |");
      }
      table.append(line).append('\n');
    }
    bench.report(table.toString());
  }

  /** a / b of two table cells, or "-" when either is not a positive number. */
  static String ratio(String a, String b) {
    try {
      double x = Double.parseDouble(a);
      double y = Double.parseDouble(b);
      return y > 0 && x > 0 ? Bench.f("%.2f", x / y) : "-";
    } catch (NumberFormatException e) {
      return "-";
    }
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
            intended ->
                group.sender.send("b ~T" + intended + "~", "T" + intended + "_" + counter[0]++));
    long expected = sent * group.receivers.size();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (delivered.sum() < expected && System.nanoTime() < deadline) {
      Bench.sleep(20);
    }
    long got = delivered.sum();
    double elapsed = Math.max(seconds, (lastDelivery.get() - start) / 1e9);
    Histogram h = recorder.getIntervalHistogram();
    return new Row(h, got / elapsed, Math.max(0, expected - got), errors.sum());
  }

  /** The owner (sender) first, so that the room exists, then the M members. */
  Group connect(Target target, String room, int m) {
    Bench.log("%s: fan-out room with %d members", target.name(), m);
    Target.Room r = target.room(room, m);
    Target.Conn owner = r.owner(sender);
    List<Target.Conn> members = r.members(i -> receiver);
    if (members.size() < m) {
      Bench.log("%s: only %d of %d members connected", target.name(), members.size(), m);
    }
    // Presence updates of the members connecting settle before measuring.
    Bench.sleep(3000);
    return new Group(owner, members);
  }
}
