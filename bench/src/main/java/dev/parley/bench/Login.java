package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenario 5: login rate (bcrypt at the configured cost) and its effect on fan-out latency: a 1 → M
 * fan-out at a fixed rate is measured alone, then while clients log in as fast as they can.
 */
final class Login {
  private final Bench bench;

  Login(Bench bench) {
    this.bench = bench;
  }

  void run() {
    int m = bench.integer("members", 100);
    int rate = bench.integer("rate", 5000);
    double seconds = Double.parseDouble(bench.get("seconds", "10"));
    Api api = new Api(bench.parley());
    List<Api.User> loginers = api.users("login" + bench.runId() + "_", 8);
    FanOut fan = new FanOut(bench);
    FanOut.Group group = fan.connect(new ParleyTarget(bench), "lf" + bench.runId(), m);
    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 5: login rate and fan-out latency (1 → ").append(m);
    table.append(" at ").append(rate).append(" deliveries/s)\n\n");
    table.append(
        "| concurrent logins | logins/s | login p50 ms | login p99 ms | fan-out p50 ms | fan-out p99 ms | fan-out p99.9 ms | achieved deliv/s |\n");
    table.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    try {
      fan.level(group, m, rate / (double) m, 3);
      for (int concurrency : bench.ints("concurrency", "0,4,16")) {
        Recorder logins = Load.recorder();
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
          Api.User u = loginers.get(i % loginers.size());
          Thread t =
              new Thread(
                  () -> {
                    while (!stop.get()) {
                      long t0 = System.nanoTime();
                      try {
                        api.login(u.name());
                        Load.record(logins, t0);
                        done.increment();
                      } catch (RuntimeException e) {
                        failed.increment();
                      }
                    }
                  });
          t.setDaemon(true);
          t.start();
          threads.add(t);
        }
        long start = System.nanoTime();
        FanOut.Row row = fan.level(group, m, rate / (double) m, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : threads) {
          try {
            t.join(10_000);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
        Histogram lh = logins.getIntervalHistogram();
        table.append(
            Bench.f(
                "| %d | %.1f | %s | %s | %s | %s | %s | %.0f |\n",
                concurrency,
                done.sum() / elapsed,
                concurrency == 0 ? "-" : Load.ms(lh, 50),
                concurrency == 0 ? "-" : Load.ms(lh, 99),
                Load.ms(row.h(), 50),
                Load.ms(row.h(), 99),
                Load.ms(row.h(), 99.9),
                row.achieved()));
        if (failed.sum() > 0) {
          Bench.log("%d logins failed", failed.sum());
        }
        Bench.log("%s", table.substring(table.lastIndexOf("\n| ", table.length() - 2)).trim());
      }
    } finally {
      group.sender().close();
      group.receivers().parallelStream().forEach(Target.Conn::close);
    }
    bench.report(table.toString());
  }
}
