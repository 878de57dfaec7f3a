package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Shared pieces: opening many sockets, pacing, latency recording, process memory. */
final class Load {
  private Load() {}

  /** Latencies in microseconds, recorded from any thread. */
  static Recorder recorder() {
    return new Recorder(60_000_000L, 3);
  }

  static void record(Recorder r, long intendedNanos) {
    long micros = Math.max(0, (System.nanoTime() - intendedNanos) / 1000);
    r.recordValue(Math.min(micros, 60_000_000L));
  }

  static String ms(Histogram h, double percentile) {
    return Bench.f("%.2f", h.getValueAtPercentile(percentile) / 1000.0);
  }

  /**
   * Opens one socket per URL, at most {@code inFlight} upgrades at a time, and waits until each has
   * sent its first frame containing {@code readyMarker} (or just opened when it is null). Failed
   * opens are retried a few times.
   */
  static List<Ws> openAll(
      List<String> urls,
      Function<Integer, Consumer<String>> handlers,
      String readyMarker,
      int inFlight,
      long timeoutSeconds) {
    Semaphore permits = new Semaphore(inFlight);
    CountDownLatch ready = new CountDownLatch(urls.size());
    List<CompletableFuture<Ws>> futures = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      int index = i;
      Consumer<String> inner = handlers.apply(index);
      boolean[] seen = {false};
      Consumer<String> handler =
          frame -> {
            if (readyMarker != null && !seen[0] && frame.contains(readyMarker)) {
              seen[0] = true;
              permits.release();
              ready.countDown();
            }
            inner.accept(frame);
          };
      permits.acquireUninterruptibly();
      futures.add(
          openWithRetry(urls.get(i), handler, 5)
              .whenComplete(
                  (ws, error) -> {
                    if (error != null || readyMarker == null) {
                      permits.release();
                      ready.countDown();
                    }
                  }));
    }
    try {
      if (!ready.await(timeoutSeconds, TimeUnit.SECONDS)) {
        Bench.log("only %d of %d sockets ready", urls.size() - ready.getCount(), urls.size());
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    List<Ws> open = new ArrayList<>();
    int failed = 0;
    for (CompletableFuture<Ws> f : futures) {
      try {
        // The first frame may arrive before the future completes: give it a moment.
        open.add(f.get(5, TimeUnit.SECONDS));
      } catch (Exception e) {
        failed++;
      }
    }
    if (failed > 0) {
      Bench.log("%d sockets failed to open", failed);
    }
    return open;
  }

  static CompletableFuture<Ws> openWithRetry(String url, Consumer<String> handler, int tries) {
    return Ws.open(url, handler)
        .handle(
            (ws, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(ws);
              }
              if (tries <= 1) {
                Bench.log("open failed: %s", error);
                return CompletableFuture.<Ws>failedFuture(error);
              }
              LockSupport.parkNanos(200_000_000L);
              return openWithRetry(url, handler, tries - 1);
            })
        .thenCompose(f -> f);
  }

  static void closeAll(List<Ws> sockets) {
    sockets.parallelStream().forEach(Ws::abort);
  }

  /**
   * Calls {@code send.accept(intendedNanos)} at {@code perSecond} for {@code seconds}, open loop: a
   * late send keeps its intended time, so waiting on a slow server shows up as latency.
   */
  static long pace(double perSecond, double seconds, java.util.function.LongConsumer send) {
    long interval = (long) (1_000_000_000L / perSecond);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long sent = 0;
    while (true) {
      long intended = start + sent * interval;
      if (intended >= end) {
        break;
      }
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      send.accept(intended);
      sent++;
    }
    return sent;
  }

  /**
   * CPU time (user + system) a process has used so far, in ms, or -1 when it cannot be read.
   * /proc/PID/stat counts in USER_HZ ticks, 100 a second on Linux.
   */
  static long cpuMillis(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After "pid (comm) ": state is field 3, utime field 14 and stime field 15.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (Exception e) {
      return -1;
    }
  }

  /** Resident memory of a process, KiB. */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read RSS of " + pid, e);
    }
    return -1;
  }

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  /** Runs a full GC in a JVM and returns its used heap, KiB. */
  static long javaHeapAfterGcKb(long pid) {
    try {
      run("jcmd", Long.toString(pid), "GC.run");
      String info = run("jcmd", Long.toString(pid), "GC.heap_info");
      Matcher m = USED.matcher(info);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (Exception e) {
      Bench.log("jcmd failed: %s", e);
      return -1;
    }
  }

  /** The peer's heap after a GC, KiB (its /stats runs one when started with --expose-gc). */
  static long[] peerStats(String peerWs) {
    String url = peerWs.replaceFirst("^ws", "http") + "/stats";
    try {
      String body =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return new long[] {
        Bench.number(body, "\"rss\":") / 1024,
        Bench.number(body, "\"heapUsed\":") / 1024,
        Bench.number(body, "\"pid\":")
      };
    } catch (Exception e) {
      throw new IllegalStateException("peer stats failed", e);
    }
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroy();
    }
    return out;
  }
}
