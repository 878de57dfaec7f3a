package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenario 3: sustained persisted sends with acks. Two modes ({@code mode=open,closed}):
 *
 * <ul>
 *   <li>open: Parley only, 20 senders over many channels, open loop at fixed rates; the ack latency
 *       is from the intended send time (carried in the nonce) to the {@code message_ack}.
 *   <li>closed: Parley and every peer ({@code peers=}), 20 sender sockets, each the owner of its
 *       own room, closed loop with a window of 1 and of 8 messages in flight per sender (the next
 *       message goes when an ack frees the window); ack latency from the actual send.
 * </ul>
 *
 * Both are compared with pgbench's raw single-row inserts, the closed mode at the same concurrency
 * (senders x window clients, capped by {@code pgmax=}).
 */
final class Persist {
  private final Bench bench;
  private final Recorder recorder = Load.recorder();
  private final LongAdder acks = new LongAdder();
  private final LongAdder errors = new LongAdder();

  Persist(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    String modes = bench.get("mode", "open,closed");
    if (modes.contains("open")) {
      runOpen();
    }
    if (modes.contains("closed")) {
      new PersistClosed(bench).run();
    }
  }

  private void runOpen() throws Exception {
    int senders = bench.integer("senders", 20);
    double seconds = Double.parseDouble(bench.get("seconds", "8"));
    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 3: persisted sends with acks, ").append(senders);
    table.append(" sender sockets, open loop\n\n");
    table.append(
        "| channels | offered msgs/s | acked msgs/s | ack p50 ms | ack p99 ms | ack p99.9 ms | max ms | errors | db commits/msg |\n");
    table.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Api api = new Api(bench.parley());
    String run = bench.runId();
    List<Api.User> users = api.users("pers" + run + "_", senders);
    double best = 0;
    double capacity = 0;
    for (int channels : bench.ints("channels", "100,1000")) {
      // Each sender owns one server with its share of the channels, so acks and its own echo
      // are the only frames it receives.
      List<long[]> targets = new ArrayList<>();
      List<List<long[]>> perSender = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        Api.User u = users.get(s);
        long server = api.server(u, "pers" + channels + "_" + s);
        List<long[]> mine = new ArrayList<>();
        for (int c = 0; c < channels / senders; c++) {
          mine.add(new long[] {server, api.channel(u, server, "c" + c)});
        }
        perSender.add(mine);
        targets.addAll(mine);
      }
      List<String> urls = new ArrayList<>();
      for (Api.User u : users) {
        urls.add(api.gateway(u.token(), false));
      }
      List<Ws> sockets = Load.openAll(urls, i -> this::frame, "\"type\":\"connected\"", 50, 60);
      Bench.sleep(2000);
      try {
        List<Integer> rates = bench.ints("rates", "250,500,1000,2000,4000,8000");
        level(sockets, perSender, rates.get(0), 3);
        for (int rate : rates) {
          Row row = level(sockets, perSender, rate, seconds);
          Histogram h = row.h;
          table.append(
              Bench.f(
                  "| %d | %d | %.0f | %s | %s | %s | %.2f | %d | %.2f |\n",
                  targets.size(),
                  rate,
                  row.acked,
                  Load.ms(h, 50),
                  Load.ms(h, 99),
                  Load.ms(h, 99.9),
                  h.getMaxValue() / 1000.0,
                  row.errors,
                  row.commitsPerMessage));
          Bench.log("%s", table.substring(table.lastIndexOf("\n| ", table.length() - 2)).trim());
          capacity = Math.max(capacity, row.acked);
          if (h.getValueAtPercentile(99) < 50_000 && row.acked >= 0.95 * rate) {
            best = Math.max(best, row.acked);
          }
          if (h.getValueAtPercentile(99) > 1_000_000 || row.acked < 0.8 * rate) {
            break;
          }
        }
      } finally {
        Load.closeAll(sockets);
        Bench.sleep(2000);
      }
    }
    table.append(Bench.f("\nHighest acked msgs/s with ack p99 < 50 ms: **%.0f**; ", best));
    table.append(Bench.f("highest acked msgs/s at any latency (capacity): **%.0f**\n", capacity));
    table.append("\nRaw PostgreSQL single-row inserts (pgbench, same database, same run):\n\n");
    table.append(
        "| pgbench clients | tps | latency avg ms | Parley capacity / raw |\n|---:|---:|---:|---:|\n");
    createInsertTable(bench);
    for (int clients : bench.ints("pgclients", "8,32")) {
      if (clients == 0) {
        continue;
      }
      double[] r = Pg.run(bench, bench.get("pgdir", "bench/pgbench") + "/insert.sql", clients, 8);
      table.append(
          Bench.f(
              "| %d | %.0f | %.2f | %.2f |\n",
              clients, r[0], r[1], r[0] == 0 ? 0 : capacity / r[0]));
    }
    bench.report(table.toString());
  }

  /** The table pgbench's insert.sql writes to, shaped like a Parley message row. */
  static void createInsertTable(Bench bench) throws Exception {
    Pg.psql(
        bench,
        "CREATE TABLE IF NOT EXISTS bench_insert (id BIGINT GENERATED BY DEFAULT AS IDENTITY"
            + " PRIMARY KEY, channel_id BIGINT NOT NULL, author_id BIGINT NOT NULL, content TEXT"
            + " NOT NULL, created_at TIMESTAMPTZ NOT NULL)");
  }

  private record Row(Histogram h, double acked, long errors, double commitsPerMessage) {}

  private Row level(List<Ws> sockets, List<List<long[]>> perSender, int rate, double seconds) {
    long commitsBefore = Pg.commits(bench);
    recorder.reset();
    acks.reset();
    errors.reset();
    double each = rate / (double) sockets.size();
    List<Thread> threads = new ArrayList<>();
    long[] sent = new long[sockets.size()];
    long start = System.nanoTime();
    for (int s = 0; s < sockets.size(); s++) {
      int index = s;
      Ws ws = sockets.get(s);
      List<long[]> mine = perSender.get(s);
      long[] counter = {0};
      Thread t =
          new Thread(
              () ->
                  sent[index] =
                      Load.pace(
                          each,
                          seconds,
                          intended -> {
                            long[] sc = mine.get((int) (counter[0]++ % mine.size()));
                            ws.send(
                                "{\"type\":\"send_message\",\"serverId\":"
                                    + sc[0]
                                    + ",\"channelId\":"
                                    + sc[1]
                                    + ",\"text\":\"persisted message\",\"nonce\":\"T"
                                    + intended
                                    + "_"
                                    + index
                                    + "\"}");
                          }));
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    long total = 0;
    for (long n : sent) {
      total += n;
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (acks.sum() + errors.sum() < total && System.nanoTime() < deadline) {
      Bench.sleep(20);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Histogram h = recorder.getIntervalHistogram();
    long acked = acks.sum();
    // PostgreSQL publishes its counters about once a second.
    Bench.sleep(1500);
    double commits = (Pg.commits(bench) - commitsBefore) / (double) Math.max(1, acked);
    return new Row(h, acked / Math.max(seconds, elapsed - 0.02), errors.sum(), commits);
  }

  private void frame(String frame) {
    if (frame.contains("\"type\":\"message_ack\"")) {
      long t = Bench.number(frame, "\"nonce\":\"T");
      if (t > 0) {
        Load.record(recorder, t);
        acks.increment();
      }
    } else if (frame.contains("\"type\":\"error\"")) {
      if (errors.sum() < 3) {
        Bench.log("error frame: %s", frame);
      }
      errors.increment();
    }
  }
}
