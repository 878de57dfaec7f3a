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
 * Scenario 4, closed loop, against Parley and every peer: a room with {@code messages} (500)
 * messages sent through the target's own socket, then {@code readers} (16) readers each fetching
 * the newest 50 again and again for {@code seconds} after {@code warmup}: pages per second and page
 * latency. Parley and the socket.io and FastAPI peers serve the page over HTTP (Parley with a
 * bearer token), ejabberd as a MAM query over each reader's XMPP session. Then pgbench runs
 * Parley's newest-50 query with as many clients as there are readers.
 */
final class HistoryClosed {
  private final Bench bench;
  private final Recorder recorder = Load.recorder();
  private final LongAdder pages = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private volatile boolean measuring;

  HistoryClosed(Bench bench) {
    this.bench = bench;
  }

  record Row(
      Histogram h, double pagesPerSecond, long errors, int rowsPerPage, double cpuMsPerPage) {}

  void run() throws Exception {
    int readers = bench.integer("readers", 16);
    int count = bench.integer("messages", 500);
    double seconds = Double.parseDouble(bench.get("seconds", "10"));
    double warmup = Double.parseDouble(bench.get("warmup", "15"));
    String run = bench.runId();
    List<Target> targets = new ArrayList<>();
    for (Target t : Target.list(bench, "")) {
      if (t.history()) {
        targets.add(t);
      }
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    String parleyChannel = null;
    for (Target target : targets) {
      List<Target.Reader> open = new ArrayList<>();
      try {
        Target.Room room = target.room("h" + run, 0);
        if (target instanceof ParleyTarget) {
          parleyChannel = room.toString();
        }
        seed(target, room, count);
        for (int i = 0; i < readers; i++) {
          open.add(room.reader());
        }
        int perPage = open.get(0).fetch();
        Row row = measure(target, open, warmup, seconds, perPage);
        rows.put(target.name(), row);
        Bench.log(
            "%s: %.0f pages/s, p99 %s ms, %d rows a page, %d errors",
            target.name(), row.pagesPerSecond, Load.ms(row.h, 99), perPage, row.errors);
      } catch (Exception e) {
        Bench.log("%s: closed-loop history failed: %s", target.name(), e);
        failures.put(target.name(), e.toString());
      } finally {
        open.forEach(Target.Reader::close);
      }
    }

    double[] raw = null;
    if (parleyChannel != null) {
      raw =
          Pg.run(
              bench,
              bench.get("pgdir", "bench/pgbench") + "/history.sql",
              readers,
              bench.integer("pgseconds", 8),
              parleyChannel);
    }

    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 4: history page (newest 50 of ").append(count);
    table.append(" messages), ").append(readers).append(" closed-loop readers\n\n");
    table.append(
        "| target | transport | pages/s | p50 ms | p99 ms | p99.9 ms | max ms | rows a page"
            + " | errors | server CPU ms/page | / pgbench |\n");
    table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Target t : targets) {
      if (failures.containsKey(t.name())) {
        table.append(Bench.f("| %s | failed: %s ||||||||||\n", t.name(), failures.get(t.name())));
        continue;
      }
      Row r = rows.get(t.name());
      table.append(
          Bench.f(
              "| %s | %s | %.0f | %s | %s | %s | %.2f | %d | %d | %s | %s |\n",
              t.name(),
              t instanceof EjabberdTarget
                  ? "MAM query over XMPP/WebSocket"
                  : t instanceof ParleyTarget ? "HTTP GET, bearer token" : "HTTP GET",
              r.pagesPerSecond,
              Load.ms(r.h, 50),
              Load.ms(r.h, 99),
              Load.ms(r.h, 99.9),
              r.h.getMaxValue() / 1000.0,
              r.rowsPerPage,
              r.errors,
              r.cpuMsPerPage < 0 ? "-" : Bench.f("%.2f", r.cpuMsPerPage),
              raw != null && raw[0] > 0 ? Bench.f("%.2f", r.pagesPerSecond / raw[0]) : "-"));
    }
    if (raw != null) {
      table.append(
          Bench.f(
              "\nParley's newest-50 query straight against PostgreSQL (pgbench `history.sql`, %d"
                  + " clients): %.0f tps, latency avg %.2f ms.\n",
              readers, raw[0], raw[1]));
    }
    if (targets.size() > 1) {
      Target first = targets.get(0);
      Row a = rows.get(first.name());
      table.append("\nRatios of pages/s, ").append(first.name()).append(" / each:");
      for (Target t : targets.subList(1, targets.size())) {
        Row b = rows.get(t.name());
        table
            .append(' ')
            .append(t.name())
            .append(' ')
            .append(
                a == null || b == null || b.pagesPerSecond <= 0
                    ? "-"
                    : Bench.f("%.2f", a.pagesPerSecond / b.pagesPerSecond))
            .append(';');
      }
      table.setLength(table.length() - 1);
      table.append(".\n");
    }
    bench.report(table.toString());
  }

  /** Sends the room's messages through its owner socket, 16 in flight, and waits for the acks. */
  private void seed(Target target, Target.Room room, int count) throws InterruptedException {
    Semaphore window = new Semaphore(16);
    LongAdder failed = new LongAdder();
    Target.Conn owner =
        room.owner(
            new Target.Listener() {
              @Override
              public void ack(long sentNanos) {
                window.release();
              }

              @Override
              public void error(String frame) {
                failed.increment();
                window.release();
              }
            });
    try {
      for (int i = 0; i < count; i++) {
        if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("seeding stalled at message " + i);
        }
        long now = System.nanoTime();
        owner.send(Target.HISTORY_TEXT + " " + i, "T" + now + "_" + i);
      }
      if (!window.tryAcquire(16, 30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("seeding: acks missing");
      }
    } finally {
      owner.close();
    }
    Bench.log("%s: %d history messages seeded (%d errors)", target.name(), count, failed.sum());
  }

  private Row measure(
      Target target, List<Target.Reader> readers, double warmup, double seconds, int perPage)
      throws InterruptedException {
    recorder.reset();
    pages.reset();
    errors.reset();
    long end = System.nanoTime() + (long) ((warmup + seconds) * 1e9) + 200_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (Target.Reader reader : readers) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long start = System.nanoTime();
                  try {
                    reader.fetch();
                    if (measuring) {
                      Load.record(recorder, start);
                      pages.increment();
                    }
                  } catch (Exception e) {
                    if (errors.sum() < 3) {
                      Bench.log("history fetch: %s", e);
                    }
                    errors.increment();
                    Bench.sleep(10);
                  }
                }
              },
              "reader");
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    Thread.sleep((long) (warmup * 1000));
    recorder.reset();
    pages.reset();
    errors.reset();
    long cpuBefore = Load.cpuMillis(target.pid());
    long t0 = System.nanoTime();
    measuring = true;
    Thread.sleep((long) (seconds * 1000));
    measuring = false;
    long t1 = System.nanoTime();
    long cpuAfter = Load.cpuMillis(target.pid());
    Histogram h = recorder.getIntervalHistogram();
    long n = pages.sum();
    long errs = errors.sum();
    for (Thread t : threads) {
      t.join(35_000);
    }
    double cpu =
        cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / (double) Math.max(1, n);
    return new Row(h, n / ((t1 - t0) / 1e9), errs, perPage, cpu);
  }
}
