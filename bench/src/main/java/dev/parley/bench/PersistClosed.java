package dev.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenario 3, closed loop, against Parley and every peer: {@code senders} sockets (20), each the
 * owner of its own room, each keeping {@code window} messages in flight (1 and 8): a message goes
 * out when the ack of an earlier one frees the window. Acked messages per second and ack latency
 * (actual send to ack) over {@code seconds} after {@code warmup}; PostgreSQL commits per acked
 * message from the target's own database, counted while the load runs. Then pgbench's raw
 * single-row inserts with as many clients as messages were in flight.
 */
final class PersistClosed {
  private final Bench bench;
  private final Recorder recorder = Load.recorder();
  private final LongAdder acks = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private volatile boolean measuring;

  PersistClosed(Bench bench) {
    this.bench = bench;
  }

  record Row(
      Histogram h,
      double acked,
      long errors,
      long unacked,
      double commitsPerMessage,
      int stalls,
      double cpuMsPerMessage) {}

  void run() throws Exception {
    int senders = bench.integer("senders", 20);
    List<Integer> windows = bench.ints("windows", "1,8");
    double seconds = Double.parseDouble(bench.get("seconds", "10"));
    double warmup = Double.parseDouble(bench.get("warmup", "15"));
    String run = bench.runId();
    List<Target> targets = new ArrayList<>();
    for (Target t : Target.list(bench, "")) {
      if (t.acks()) {
        targets.add(t);
      }
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (Target target : targets) {
      List<Target.Conn> conns = new ArrayList<>();
      try {
        Bench.log("%s: %d senders, one room each", target.name(), senders);
        List<Semaphore> windowsOf = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
          Target.Room room = target.room("p" + run + "_" + s, 0);
          Semaphore permits = new Semaphore(0);
          windowsOf.add(permits);
          conns.add(room.owner(listener(permits)));
        }
        for (int window : windows) {
          Row row = level(target, conns, windowsOf, window, warmup, seconds);
          rows.put(target.name() + "/" + window, row);
          Bench.log(
              "%s window %d: %.0f acked msgs/s, p99 %s ms, %d errors, %.2f commits/msg",
              target.name(),
              window,
              row.acked,
              Load.ms(row.h, 99),
              row.errors,
              row.commitsPerMessage);
        }
      } catch (Exception e) {
        Bench.log("%s: closed-loop persist failed: %s", target.name(), e);
        failures.put(target.name(), e.toString());
      } finally {
        conns.forEach(Target.Conn::close);
        Bench.sleep(2000);
      }
    }

    // Raw PostgreSQL at the same concurrency: senders x window clients (capped: max_connections).
    Persist.createInsertTable(bench);
    // The servers' pools hold connections too: when PostgreSQL refuses that many clients,
    // pgbench is retried with half as many.
    int pgmax = bench.integer("pgmax", 64);
    Map<Integer, double[]> raw = new LinkedHashMap<>();
    Map<Integer, Integer> rawClients = new LinkedHashMap<>();
    for (int window : windows) {
      int clients = Math.min(senders * window, pgmax);
      double[] r;
      while (true) {
        r =
            Pg.run(
                bench,
                bench.get("pgdir", "bench/pgbench") + "/insert.sql",
                clients,
                bench.integer("pgseconds", 8));
        if (r[0] > 0 || clients <= 1) {
          break;
        }
        clients = clients / 2;
        Bench.log("pgbench failed, again with %d clients", clients);
      }
      rawClients.put(window, clients);
      raw.put(window, r);
    }

    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 3: persisted sends with acks, closed loop, ").append(senders);
    table.append(" senders, each the owner of its own room\n\n");
    table.append(
        "| target | window | in flight | acked msgs/s | ack p50 ms | ack p99 ms | ack p99.9 ms"
            + " | max ms | errors | unacked at end | db commits/msg | server CPU ms/msg | / pgbench |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Target t : targets) {
      if (failures.containsKey(t.name())) {
        table.append(Bench.f("| %s | failed: %s ||||||||||||\n", t.name(), failures.get(t.name())));
        continue;
      }
      for (int window : windows) {
        Row r = rows.get(t.name() + "/" + window);
        double rawTps = raw.get(window)[0];
        table.append(
            Bench.f(
                "| %s | %d | %d | %.0f | %s | %s | %s | %.2f | %d | %d | %s | %s | %s |\n",
                t.name(),
                window,
                senders * window,
                r.acked,
                Load.ms(r.h, 50),
                Load.ms(r.h, 99),
                Load.ms(r.h, 99.9),
                r.h.getMaxValue() / 1000.0,
                r.errors,
                r.unacked,
                r.commitsPerMessage < 0 ? "-" : Bench.f("%.2f", r.commitsPerMessage),
                r.cpuMsPerMessage < 0 ? "-" : Bench.f("%.2f", r.cpuMsPerMessage),
                rawTps > 0 ? Bench.f("%.2f", r.acked / rawTps) : "-"));
      }
    }
    table.append("\nRaw single-row inserts at the same concurrency (pgbench `insert.sql`, ");
    table.append("one transaction each, same PostgreSQL):\n\n");
    table.append("| window | pgbench clients | tps | latency avg ms |\n|---:|---:|---:|---:|\n");
    for (int window : windows) {
      table.append(
          Bench.f(
              "| %d | %d | %.0f | %.2f |\n",
              window, rawClients.get(window), raw.get(window)[0], raw.get(window)[1]));
    }
    if (!targets.isEmpty() && targets.size() > 1) {
      Target first = targets.get(0);
      table.append("\nRatios of acked msgs/s, ").append(first.name()).append(" / each:\n\n");
      StringBuilder head = new StringBuilder("| window |");
      StringBuilder rule = new StringBuilder("|---:|");
      for (Target t : targets.subList(1, targets.size())) {
        head.append(' ').append(first.name()).append(" / ").append(t.name()).append(" |");
        rule.append("---:|");
      }
      head.append(' ').append(first.name()).append(" / pgbench |");
      rule.append("---:|");
      table.append(head).append('\n').append(rule).append('\n');
      for (int window : windows) {
        StringBuilder line = new StringBuilder("| " + window + " |");
        Row a = rows.get(first.name() + "/" + window);
        for (Target t : targets.subList(1, targets.size())) {
          Row b = rows.get(t.name() + "/" + window);
          line.append(' ')
              .append(
                  a == null || b == null || b.acked <= 0 ? "-" : Bench.f("%.2f", a.acked / b.acked))
              .append(" |");
        }
        double rawTps = raw.get(window)[0];
        line.append(' ')
            .append(a == null || rawTps <= 0 ? "-" : Bench.f("%.2f", a.acked / rawTps))
            .append(" |");
        table.append(line).append('\n');
      }
    }
    table.append(
        "\nClosed loop: latency is from the actual send to the ack (no coordinated omission"
            + " correction is needed: nothing is sent late). \"db commits/msg\" is the target's own"
            + " database's `xact_commit` over the measured seconds per acked message; \"server CPU"
            + " ms/msg\" is the server process's user + system CPU time over the same seconds per"
            + " acked message (PostgreSQL's own CPU not included).\n");
    bench.report(table.toString());
  }

  private Target.Listener listener(Semaphore permits) {
    return new Target.Listener() {
      @Override
      public void ack(long sentNanos) {
        if (measuring && sentNanos > 0) {
          Load.record(recorder, sentNanos);
          acks.increment();
        }
        permits.release();
      }

      @Override
      public void error(String frame) {
        if (errors.sum() < 3) {
          Bench.log("error frame: %s", frame);
        }
        errors.increment();
        permits.release();
      }
    };
  }

  private Row level(
      Target target,
      List<Target.Conn> conns,
      List<Semaphore> windowsOf,
      int window,
      double warmup,
      double seconds)
      throws InterruptedException {
    recorder.reset();
    acks.reset();
    errors.reset();
    measuring = false;
    for (Semaphore s : windowsOf) {
      s.drainPermits();
      s.release(window);
    }
    long start = System.nanoTime();
    long end = start + (long) ((warmup + seconds) * 1e9) + 200_000_000L;
    int[] stalls = {0};
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < conns.size(); i++) {
      int index = i;
      Target.Conn conn = conns.get(i);
      Semaphore permits = windowsOf.get(i);
      Thread t =
          new Thread(
              () -> {
                long n = 0;
                try {
                  while (System.nanoTime() < end) {
                    if (!permits.tryAcquire(5, TimeUnit.SECONDS)) {
                      synchronized (stalls) {
                        stalls[0]++;
                      }
                      break;
                    }
                    long now = System.nanoTime();
                    conn.send("persisted message", "T" + now + "_" + index + "_" + n++);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  Bench.log("sender %d: %s", index, e);
                }
              },
              "sender-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    Thread.sleep((long) (warmup * 1000));
    long commitsBefore = Pg.commits(bench, target.database());
    long cpuBefore = Load.cpuMillis(target.pid());
    recorder.reset();
    acks.reset();
    long t0 = System.nanoTime();
    measuring = true;
    Thread.sleep((long) (seconds * 1000));
    measuring = false;
    long t1 = System.nanoTime();
    long cpuAfter = Load.cpuMillis(target.pid());
    long commitsAfter = Pg.commits(bench, target.database());
    Histogram h = recorder.getIntervalHistogram();
    long acked = acks.sum();
    for (Thread t : threads) {
      t.join(10_000);
    }
    // Let the last window drain so that the next level starts clean.
    long deadline = System.nanoTime() + 10_000_000_000L;
    long unacked = 0;
    while (System.nanoTime() < deadline) {
      unacked = 0;
      for (Semaphore s : windowsOf) {
        unacked += Math.max(0, window - s.availablePermits());
      }
      if (unacked == 0) {
        break;
      }
      Bench.sleep(20);
    }
    double commits =
        commitsBefore < 0 || commitsAfter < 0
            ? -1
            : (commitsAfter - commitsBefore) / (double) Math.max(1, acked);
    double cpu =
        cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / (double) Math.max(1, acked);
    if (stalls[0] > 0) {
      Bench.log("%s: %d senders waited 5 s for an ack and stopped", target.name(), stalls[0]);
    }
    return new Row(h, acked / ((t1 - t0) / 1e9), errors.sum(), unacked, commits, stalls[0], cpu);
  }
}
