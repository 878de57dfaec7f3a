package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs pgbench against the machine's PostgreSQL: the raw capacity Parley is compared with. */
final class Pg {
  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without");
  private static final Pattern LAT = Pattern.compile("latency average = ([0-9.]+) ms");

  private Pg() {}

  /** tps and average latency (ms) of a script at some clients for some seconds. */
  static double[] run(Bench bench, String script, int clients, int seconds, String... defines)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            "pgbench",
            "-h",
            bench.get("pghost", "127.0.0.1"),
            "-p",
            bench.get("pgport", "5432"),
            "-U",
            bench.get("pguser", "postgres"),
            "-n",
            "-f",
            script,
            "-c",
            Integer.toString(clients),
            "-j",
            "2",
            "-T",
            Integer.toString(seconds)));
    for (String d : defines) {
      cmd.add("-D");
      cmd.add(d);
    }
    cmd.add(bench.get("db", "parley_bench"));
    String out = Load.run(cmd.toArray(String[]::new));
    Matcher tps = TPS.matcher(out);
    Matcher lat = LAT.matcher(out);
    if (!tps.find()) {
      Bench.log("pgbench output: %s", out);
      return new double[] {0, 0};
    }
    return new double[] {
      Double.parseDouble(tps.group(1)), lat.find() ? Double.parseDouble(lat.group(1)) : 0
    };
  }

  /** The database's committed transactions so far (autocommit statements count one each). */
  static long commits(Bench bench) {
    return commits(bench, bench.get("db", "parley_bench"));
  }

  /** A database's committed transactions so far, or -1. */
  static long commits(Bench bench, String db) {
    if (db == null) {
      return -1;
    }
    try {
      String out =
          Load.run(
              "psql",
              "-h",
              bench.get("pghost", "127.0.0.1"),
              "-p",
              bench.get("pgport", "5432"),
              "-U",
              bench.get("pguser", "postgres"),
              "-d",
              db,
              "-Atc",
              "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
      return Long.parseLong(out.trim());
    } catch (Exception e) {
      return -1;
    }
  }

  static String psql(Bench bench, String sql) throws Exception {
    return psql(bench, bench.get("db", "parley_bench"), sql);
  }

  static String psql(Bench bench, String db, String sql) throws Exception {
    return Load.run(
        "psql",
        "-h",
        bench.get("pghost", "127.0.0.1"),
        "-p",
        bench.get("pgport", "5432"),
        "-U",
        bench.get("pguser", "postgres"),
        "-d",
        db,
        "-c",
        sql);
  }
}
