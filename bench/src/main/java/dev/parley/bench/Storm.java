package dev.parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 6: a reconnect storm. N sockets follow their server's channel; all drop at once,
 * messages are posted while they are away, then all reconnect with resume at once. Measures the
 * time until 99 % (and all) have every missed message, and counts anything lost.
 */
final class Storm {
  private final Bench bench;

  Storm(Bench bench) {
    this.bench = bench;
  }

  /** What one socket has seen of its channel. */
  private static final class Conn {
    final int user;
    final BitSet seqs = new BitSet();
    volatile long lastSeq;
    volatile boolean resumed;
    volatile long doneNanos;
    int duplicates;

    Conn(int user) {
      this.user = user;
    }

    synchronized void saw(long seq) {
      if (seqs.get((int) seq)) {
        duplicates++;
      }
      seqs.set((int) seq);
      if (seq > lastSeq) {
        lastSeq = seq;
      }
    }
  }

  void run() throws Exception {
    int conns = bench.integer("conns", 10000);
    int perUser = bench.integer("perUser", 10);
    int perServer = bench.integer("perServer", 10);
    int before = bench.integer("before", 2);
    int missed = bench.integer("missed", 3);
    int users = conns / perUser;
    int servers = users / perServer;
    Api api = new Api(bench.parley());
    Bench.log("storm: registering %d users, %d servers", users, servers);
    List<Api.User> all = api.users("storm" + bench.runId() + "_", users);
    long[] serverOf = new long[servers];
    long[] channelOf = new long[servers];
    for (int g = 0; g < servers; g++) {
      List<Api.User> members = all.subList(g * perServer, (g + 1) * perServer);
      serverOf[g] = api.server(members.get(0), "storm" + g);
      channelOf[g] = api.channel(members.get(0), serverOf[g], "storm");
      api.members(members.get(0), serverOf[g], members);
    }
    Conn[] state = new Conn[conns];
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < conns; i++) {
      state[i] = new Conn(i % users);
      urls.add(api.gateway(all.get(i % users).token(), false));
    }
    long t0 = System.nanoTime();
    List<Ws> sockets =
        Load.openAll(
            urls,
            i -> frame -> track(state[i], frame, channelOf[state[i].user / perServer]),
            "\"type\":\"connected\"",
            200,
            300);
    Bench.log("storm: %d sockets open in %.1f s", sockets.size(), (System.nanoTime() - t0) / 1e9);
    post(api, all, serverOf, channelOf, perServer, before);
    waitUntil(() -> Arrays.stream(state).allMatch(c -> c.lastSeq >= before), 60);
    long behind = Arrays.stream(state).filter(c -> c.lastSeq < before).count();
    Bench.log("storm: live delivery done (%d sockets behind)", behind);

    Load.closeAll(sockets);
    Bench.sleep(3000);
    post(api, all, serverOf, channelOf, perServer, missed);
    long expectedLast = before + missed;

    // The storm: every client reconnects at once and resumes from the last seq it saw.
    Semaphore inFlight = new Semaphore(bench.integer("inFlight", 2000));
    AtomicInteger failed = new AtomicInteger();
    long storm = System.nanoTime();
    List<CompletableFuture<Ws>> again = new ArrayList<>();
    for (int i = 0; i < conns; i++) {
      Conn c = state[i];
      long channel = channelOf[c.user / perServer];
      long from = c.lastSeq;
      String resume = "{\"type\":\"resume\",\"channels\":{\"" + channel + "\":" + from + "}}";
      if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
        Bench.log("storm: upgrades stuck, continuing without a permit");
      }
      again.add(
          reopen(
                  api.gateway(all.get(c.user).token(), true),
                  c,
                  channel,
                  resume,
                  expectedLast,
                  inFlight,
                  5)
              .whenComplete(
                  (ws, error) -> {
                    if (error != null) {
                      failed.incrementAndGet();
                      inFlight.release();
                    }
                  }));
    }
    long timeout = bench.integer("timeout", 120);
    waitUntil(() -> Arrays.stream(state).allMatch(c -> c.doneNanos != 0), timeout);
    long[] done =
        Arrays.stream(state)
            .mapToLong(c -> c.doneNanos)
            .filter(n -> n != 0)
            .map(n -> n - storm)
            .sorted()
            .toArray();
    long lost = 0;
    long dups = 0;
    long pending = 0;
    for (Conn c : state) {
      if (!c.resumed) {
        // Still reconnecting at the timeout: not lost, not done either.
        pending++;
        continue;
      }
      for (long s = 1; s <= expectedLast; s++) {
        if (!c.seqs.get((int) s)) {
          lost++;
        }
      }
      dups += c.duplicates;
    }
    StringBuilder table = new StringBuilder();
    table.append("\n### Scenario 6: reconnect storm with resume\n\n");
    table.append(
        Bench.f(
            "%d sockets (%d users, %d servers of %d members, one channel each); %d messages per"
                + " channel while connected, %d while away; all reconnect at once (at most %d"
                + " upgrades in flight).\n\n",
            conns, users, servers, perServer, before, missed, bench.integer("inFlight", 2000)));
    table.append(
        "| sockets | resumed with every message | not resumed at timeout | time to 50 % s | time to 99 % s | time to 100 % s | messages lost (resumed sockets) | duplicates | failed opens |\n");
    table.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    table.append(
        Bench.f(
            "| %d | %d | %d | %s | %s | %s | %d | %d | %d |\n",
            conns,
            done.length,
            pending,
            at(done, 0.50, conns),
            at(done, 0.99, conns),
            at(done, 1.0, conns),
            lost,
            dups,
            failed.get()));
    for (CompletableFuture<Ws> f : again) {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        f.join().abort();
      }
    }
    bench.report(table.toString());
  }

  private static String at(long[] done, double fraction, int total) {
    int index = (int) Math.ceil(fraction * total) - 1;
    if (index >= done.length) {
      return "not reached";
    }
    return Bench.f("%.2f", done[Math.max(0, index)] / 1e9);
  }

  private CompletableFuture<Ws> reopen(
      String url,
      Conn c,
      long channel,
      String resume,
      long expectedLast,
      Semaphore inFlight,
      int tries) {
    boolean[] released = {false};
    return Ws.open(
            url,
            (ws, frame) -> {
              if (frame.contains("\"type\":\"connected\"")) {
                ws.sendAsync(resume);
                return;
              }
              if (frame.contains("\"type\":\"resumed\"")) {
                c.resumed = true;
                if (!released[0]) {
                  released[0] = true;
                  inFlight.release();
                }
              } else {
                track(c, frame, channel);
              }
              if (c.resumed && c.doneNanos == 0 && complete(c, expectedLast)) {
                c.doneNanos = System.nanoTime();
              }
            })
        .handle(
            (ws, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(ws);
              }
              if (tries <= 1) {
                return CompletableFuture.<Ws>failedFuture(error);
              }
              Bench.sleep(250);
              return reopen(url, c, channel, resume, expectedLast, inFlight, tries - 1);
            })
        .thenCompose(f -> f);
  }

  private static boolean complete(Conn c, long expectedLast) {
    synchronized (c) {
      return c.seqs.nextClearBit(1) > expectedLast;
    }
  }

  private static void track(Conn c, String frame, long channel) {
    if (frame.contains("\"type\":\"new_message\"")
        && Bench.number(frame, "\"channelId\":") == channel) {
      long seq = Bench.number(frame, "\"seq\":");
      if (seq > 0) {
        c.saw(seq);
      }
    }
  }

  private static void post(
      Api api, List<Api.User> all, long[] serverOf, long[] channelOf, int perServer, int count)
      throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int g = 0; g < serverOf.length; g++) {
      int group = g;
      futures.add(
          pool.submit(
              () -> {
                for (int k = 0; k < count; k++) {
                  api.post(
                      all.get(group * perServer),
                      serverOf[group],
                      channelOf[group],
                      "storm message");
                }
              }));
    }
    for (java.util.concurrent.Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, long seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Bench.sleep(100);
    }
  }
}
