package dev.parley.bootstrap.cluster;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import io.micronaut.json.tree.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** What the chaos test breaks: its own PostgreSQL and Redis, and Parley nodes in their own JVMs. */
final class ChaosCluster implements AutoCloseable {
  static final String KEY_PREFIX = "chaos:";

  private final Path workDir;
  private final int pgPort = freePort();
  private final Path pgData;
  private EmbeddedPostgres postgres;
  final TestRedis redis;
  private final List<Node> nodes = new ArrayList<>();
  private String launch = "";

  /** One Parley process; {@code api} stays valid across restarts (same port). */
  static final class Node {
    final int index;
    final int port;
    final Api api;
    final Path log;
    Process process;

    Node(int index, int port, Path log) {
      this.index = index;
      this.port = port;
      this.api = new Api(URI.create("http://127.0.0.1:" + port));
      this.log = log;
    }

    boolean alive() {
      return process != null && process.isAlive();
    }
  }

  ChaosCluster(Path workDir) throws IOException {
    this.workDir = workDir;
    Files.createDirectories(workDir);
    this.pgData = workDir.resolve("pgdata");
    startPostgres();
    this.redis = TestRedis.start();
    // An interrupted run (Ctrl-C, a killed fork) must not leave node JVMs behind.
    Runtime.getRuntime().addShutdownHook(new Thread(this::killNodes));
  }

  private void killNodes() {
    for (Node node : nodes) {
      if (node.process != null) {
        node.process.destroyForcibly();
      }
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
  }

  /** How the nodes were started, for the report. */
  String launch() {
    return launch;
  }

  List<Node> nodes() {
    return nodes;
  }

  /**
   * Starts {@code count} nodes at once (their startups overlap) and waits until all are healthy.
   */
  void startNodes(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      int port = freePort();
      Node node = new Node(i, port, workDir.resolve("node-" + i + "-" + port + ".log"));
      node.process = spawn(node);
      nodes.add(node);
    }
    for (Node node : nodes) {
      await("node " + node.index + " healthy (log " + node.log + ")")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!node.process.isAlive()) {
                  throw new AssertionError("node " + node.index + " exited; see " + node.log);
                }
                return "200 UP".equals(health(node));
              });
    }
  }

  /**
   * The node's /health answer as status code and body status ("200 UP", "200 DEGRADED", "503
   * DOWN"), or null when it does not answer.
   */
  static String health(Node node) {
    try {
      Api.Response r = node.api.get("/health", null);
      JsonNode body = r.json();
      return r.status() + " " + (body == null ? "?" : body.get("status").getStringValue());
    } catch (RuntimeException notListening) {
      return null;
    }
  }

  /** SIGKILL: no shutdown hook, no socket close frames, no draining. */
  void kill(Node node) throws InterruptedException {
    node.process.destroyForcibly();
    if (!node.process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("node " + node.index + " survived SIGKILL");
    }
  }

  /**
   * Crashes PostgreSQL the way {@code pg_ctl stop -m immediate} does (SIGQUIT to the postmaster: no
   * checkpoint, WAL recovery on the next start), so only what was flushed at commit survives.
   * Returns when (System.nanoTime) the postmaster was gone.
   */
  long crashPostgres() throws Exception {
    long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle postmaster =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
    Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
    if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() != 0) {
      throw new AssertionError("kill -QUIT " + pid + " failed");
    }
    postmaster.onExit().get(30, TimeUnit.SECONDS);
    long gone = System.nanoTime();
    // zonky's close() runs pg_ctl stop, which fails on the stopped server and logs an ERROR with a
    // stack trace; the close is still needed to release its lock on the data directory.
    Logger zonky = (Logger) LoggerFactory.getLogger(EmbeddedPostgres.class);
    Level before = zonky.getLevel();
    zonky.setLevel(Level.OFF);
    try {
      postgres.close();
    } finally {
      zonky.setLevel(before);
    }
    return gone;
  }

  /** Starts PostgreSQL on the same port and data directory. */
  void startPostgres() throws IOException {
    postgres =
        EmbeddedPostgres.builder()
            // Its own unpack directory: other tests' PostgreSQL may be unpacking at the same time.
            .setOverrideWorkingDirectory(new File("target/chaos-postgres").getAbsoluteFile())
            .setDataDirectory(pgData.toFile())
            .setCleanDataDirectory(false)
            .setPort(pgPort)
            // zonky turns synchronous_commit off by default; the test is about acknowledged =
            // durable. -Dparley.chaos.synchronous-commit=off shows what that default costs.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", synchronousCommit())
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "200")
            .start();
  }

  static String synchronousCommit() {
    return System.getProperty("parley.chaos.synchronous-commit", "on");
  }

  @Override
  public void close() throws Exception {
    killNodes();
    for (Node node : nodes) {
      if (node.process != null) {
        node.process.waitFor(30, TimeUnit.SECONDS);
      }
    }
    redis.close();
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Removes the database files (tens of MB); the node logs stay for inspection. */
  void deleteDatabaseFiles() throws IOException {
    if (Files.exists(pgData)) {
      try (var walk = Files.walk(pgData)) {
        walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private Process spawn(Node node) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
    // Three JVMs share two cores with the test: small heaps, C1 only (startup and CPU, not peak
    // speed, is what matters here).
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dmicronaut.server.port=" + node.port);
    command.add("-Ddatasources.default.url=" + jdbcUrl());
    command.add("-Ddatasources.default.username=postgres");
    command.add("-Ddatasources.default.password=");
    // Sends fail within a second while PostgreSQL is down, instead of waiting 5 s for a connection.
    command.add("-Ddatasources.default.connection-timeout=1000");
    command.add("-Dparley.jwt-secret=" + ApiTestBase.SECRET);
    command.add("-Dparley.security.bcrypt-cost=4");
    command.add("-Dparley.demo-data=false");
    command.add("-Dparley.data-dir=" + workDir.resolve("data-" + node.index));
    command.add("-Dredis.uri=" + redis.uri());
    command.add("-Dparley.redis.key-prefix=" + KEY_PREFIX);
    command.add("-Dparley.redis.presence-ttl=3s");
    command.add("-Dparley.redis.check-interval=250ms");
    // Every client comes from 127.0.0.1: lift the per-address and per-user limits.
    command.add("-Dparley.socket.rate-per-second=100000");
    command.add("-Dparley.socket.rate-burst=100000");
    command.add("-Dparley.socket.max-pending-frames=100000");
    command.add("-Dparley.socket.max-connections-per-user=1000");
    command.add("-Dparley.socket.max-connections-per-address=100000");
    command.add("-Dparley.security.registration.max-per-address=100000");
    command.add("-Dparley.security.login.max-attempts-per-address=100000");
    command.add("-Dparley.security.login.max-failures-per-account=100000");
    String jar = System.getProperty("parley.aot.jar");
    if (jar != null && Files.exists(Path.of(jar).resolveSibling("parley.jar"))) {
      // Under failsafe: the packaged fat jar, as operators run it.
      command.add("-jar");
      command.add(Path.of(jar).resolveSibling("parley.jar").toString());
      launch = "java -jar parley.jar";
    } else {
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("dev.parley.bootstrap.Parley");
      launch = "java -cp <test classpath> dev.parley.bootstrap.Parley";
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(node.log.toFile())
        .start();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
