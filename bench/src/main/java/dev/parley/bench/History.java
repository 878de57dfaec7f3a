package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 4: history pages. Two modes ({@code mode=wrk,closed}): wrk against Parley with a bearer
 * token (as before), and {@link HistoryClosed}, 16 closed-loop readers against Parley and every
 * peer. Both are compared with the same newest-50 query run by pgbench straight against PostgreSQL.
 */
final class History {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private final Bench bench;

  History(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    String modes = bench.get("mode", "wrk,closed");
    if (modes.contains("wrk")) {
      runWrk();
    }
    if (modes.contains("closed")) {
      new HistoryClosed(bench).run();
    }
  }

  private void runWrk() throws Exception {
    Api api = new Api(bench.parley());
    Api.User user = api.register("hist" + bench.runId());
    long server = api.server(user, "history");
    long channel = api.channel(user, server, "history");
    int count = bench.integer("messages", 500);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> posts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      posts.add(pool.submit(() -> api.post(user, server, channel, "history message number " + n)));
    }
    for (Future<?> f : posts) {
      f.get();
    }
    pool.shutdown();
    String url =
        bench.parley() + "/chat/servers/" + server + "/channels/" + channel + "/messages?limit=50";
    String seconds = bench.get("seconds", "10");
    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 4: history page (50 newest of ").append(count);
    table.append(" messages) with a bearer token, wrk\n\n");
    table.append(
        "| wrk connections | rps | p50 ms | p99 ms | non-2xx |\n|---:|---:|---:|---:|---:|\n");
    double best = 0;
    for (int conns : bench.ints("conns", "16,64")) {
      String out =
          Load.run(
              "wrk",
              "-t2",
              "-c" + conns,
              "-d" + seconds + "s",
              "--latency",
              "-H",
              "Authorization: Bearer " + user.token(),
              url);
      Matcher rps = RPS.matcher(out);
      Matcher bad = NON2XX.matcher(out);
      double r = rps.find() ? Double.parseDouble(rps.group(1)) : 0;
      if (r == 0) {
        Bench.log("wrk output: %s", out);
      }
      best = Math.max(best, r);
      table.append(
          Bench.f(
              "| %d | %.0f | %s | %s | %s |\n",
              conns,
              r,
              wrkPercentile(out, "50%"),
              wrkPercentile(out, "99%"),
              bad.find() ? bad.group(1) : "0"));
    }
    table.append(
        "\nwrk is closed-loop (not corrected for coordinated omission): p99 is the service time"
            + " under saturation.\n");
    table.append(
        "\nSame query straight against PostgreSQL (pgbench, newest 50 of that channel):\n\n");
    table.append(
        "| pgbench clients | tps | latency avg ms | Parley best rps / raw |\n|---:|---:|---:|---:|\n");
    for (int clients : bench.ints("pgclients", "1,8")) {
      double[] r =
          Pg.run(
              bench,
              bench.get("pgdir", "bench/pgbench") + "/history.sql",
              clients,
              8,
              "cid=" + channel);
      table.append(
          Bench.f(
              "| %d | %.0f | %.2f | %.2f |\n", clients, r[0], r[1], r[0] == 0 ? 0 : best / r[0]));
    }
    bench.report(table.toString());
  }

  /** A latency line of wrk's --latency distribution, in ms. */
  static String wrkPercentile(String out, String label) {
    Matcher m = Pattern.compile("\\s" + label + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      return "-";
    }
    double v = Double.parseDouble(m.group(1));
    double ms =
        switch (m.group(2)) {
          case "us" -> v / 1000;
          case "s" -> v * 1000;
          default -> v;
        };
    return Bench.f("%.2f", ms);
  }
}
