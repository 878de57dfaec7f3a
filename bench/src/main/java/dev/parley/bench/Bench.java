package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point: {@code java -jar parley-bench.jar <scenario> key=value...}. Every scenario prints a
 * Markdown table and appends it to {@code out=} (default bench/results.md).
 */
public final class Bench {
  private final Map<String, String> opts;

  private Bench(Map<String, String> opts) {
    this.opts = opts;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: parley-bench <idle|fanout|persist|history|login|storm|pgbench> key=value...");
      System.exit(2);
    }
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value: " + args[i]);
      }
      opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    Bench bench = new Bench(opts);
    switch (args[0]) {
      case "idle" -> new Idle(bench).run();
      case "fanout" -> new FanOut(bench).run();
      case "persist" -> new Persist(bench).run();
      case "history" -> new History(bench).run();
      case "login" -> new Login(bench).run();
      case "storm" -> new Storm(bench).run();
      default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
    }
    System.exit(0);
  }

  String get(String key, String dflt) {
    return opts.getOrDefault(key, dflt);
  }

  int integer(String key, int dflt) {
    return Integer.parseInt(get(key, Integer.toString(dflt)));
  }

  List<Integer> ints(String key, String dflt) {
    List<Integer> list = new ArrayList<>();
    for (String s : get(key, dflt).split(",")) {
      list.add(Integer.parseInt(s.trim()));
    }
    return list;
  }

  /** The Parley base URL (http://127.0.0.1:8080 by default). */
  String parley() {
    return get("parley", "http://127.0.0.1:8080");
  }

  /** The peer's socket URL (ws://127.0.0.1:8090 by default). */
  String peer() {
    return get("peer", "ws://127.0.0.1:8090");
  }

  /** A prefix that keeps this run's user names apart from earlier runs on the same database. */
  String runId() {
    return get("run", Long.toString(System.currentTimeMillis() % 100_000_000L, 36));
  }

  /** Prints a section and appends it to the results file. */
  void report(String text) {
    System.out.println(text);
    System.out.flush();
    try {
      Files.writeString(
          Path.of(get("out", "bench/results.md")),
          text + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("cannot write results: " + e);
    }
  }

  static void log(String fmt, Object... args) {
    System.err.printf(Locale.ROOT, "[bench] " + fmt + "%n", args);
  }

  static String f(String fmt, Object... args) {
    return String.format(Locale.ROOT, fmt, args);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Parses the number after {@code marker} in a frame, or -1. */
  static long number(String frame, String marker) {
    int i = frame.indexOf(marker);
    if (i < 0) {
      return -1;
    }
    i += marker.length();
    long v = 0;
    int start = i;
    while (i < frame.length()) {
      char c = frame.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
      i++;
    }
    return i == start ? -1 : v;
  }
}
