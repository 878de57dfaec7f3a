package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 1: memory per idle authenticated connection, Parley and the Node peer; and the rate at
 * which the sockets were opened (token check, subscriptions and the first frame, 200 in flight).
 */
final class Idle {
  private final Bench bench;

  Idle(Bench bench) {
    this.bench = bench;
  }

  void run() {
    List<Integer> levels = bench.ints("conns", "10000,18000");
    String targets = bench.get("targets", "parley,peer");
    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 1: idle authenticated connections\n\n");
    table.append(
        "| target | connections | RSS MiB | RSS KiB/conn | heap after GC MiB | heap KiB/conn | conns per GiB (RSS) | upgrades/s |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String target : targets.split(",")) {
      measure(target, levels, table);
    }
    bench.report(table.toString());
  }

  private long[] memory(String target, long pid) {
    if (target.equals("parley")) {
      long heap = Load.javaHeapAfterGcKb(pid);
      Bench.sleep(1000);
      return new long[] {Load.rssKb(pid), heap};
    }
    long[] stats = Load.peerStats(bench.peer());
    return new long[] {stats[0], stats[1]};
  }

  private void measure(String target, List<Integer> levels, StringBuilder table) {
    long pid;
    List<String> tokens = new ArrayList<>();
    if (target.equals("parley")) {
      pid = Long.parseLong(bench.get("pid", "0"));
      Api api = new Api(bench.parley());
      int users = Math.min(bench.integer("users", 1000), levels.get(levels.size() - 1));
      Bench.log("registering %d users", users);
      for (Api.User u : api.users("idle" + bench.runId() + "_", users)) {
        tokens.add(u.token());
      }
    } else {
      pid = Load.peerStats(bench.peer())[2];
    }
    long[] base = memory(target, pid);
    table.append(
        Bench.f("| %s | 0 | %.1f | | %.1f | | | |\n", target, base[0] / 1024.0, base[1] / 1024.0));
    List<Ws> open = new ArrayList<>();
    Api gatewayUrls = new Api(bench.parley());
    try {
      for (int level : levels) {
        List<String> urls = new ArrayList<>();
        for (int i = open.size(); i < level; i++) {
          urls.add(
              target.equals("parley")
                  ? gatewayUrls.gateway(tokens.get(i % tokens.size()), false)
                  : bench.peer() + "/?room=idle");
        }
        long t0 = System.nanoTime();
        open.addAll(Load.openAll(urls, i -> frame -> {}, "\"type\":\"connected\"", 200, 300));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double upgradesPerSecond = urls.size() / seconds;
        Bench.log("%s: %d sockets open in %.1f s", target, open.size(), seconds);
        Bench.sleep(3000);
        long alive = open.stream().filter(ws -> !ws.isClosed()).count();
        long[] now = memory(target, pid);
        double rssPer = (now[0] - base[0]) / (double) alive;
        double heapPer = (now[1] - base[1]) / (double) alive;
        table.append(
            Bench.f(
                "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f |\n",
                target,
                alive,
                now[0] / 1024.0,
                rssPer,
                now[1] / 1024.0,
                heapPer,
                1024.0 * 1024.0 / rssPer,
                upgradesPerSecond));
      }
    } finally {
      Load.closeAll(open);
      Bench.sleep(3000);
    }
  }
}
