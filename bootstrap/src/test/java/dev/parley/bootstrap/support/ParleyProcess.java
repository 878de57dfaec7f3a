package dev.parley.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Parley in its own JVM on the test classpath, so that a test can kill it with SIGKILL. */
public final class ParleyProcess {
  private ParleyProcess() {}

  /**
   * Starts {@code Parley}'s main with {@code properties} as system properties, its output in {@code
   * log}. The socket limits are lifted so a test can send bursts; database variables inherited from
   * the test's environment are dropped, so only {@code properties} decide which database is used.
   */
  public static Process spawn(Map<String, String> properties, File log) throws IOException {
    return spawn(properties, Map.of(), log);
  }

  /** As {@link #spawn(Map, File)}, with {@code environment} added to the inherited one. */
  public static Process spawn(
      Map<String, String> properties, Map<String, String> environment, File log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
    // C1 only: these servers live for seconds, and on a busy machine C2's compile threads would
    // take the CPU their startup needs.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dparley.socket.rate-per-second=100000");
    command.add("-Dparley.socket.rate-burst=100000");
    command.add("-Dparley.socket.max-pending-frames=100000");
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.parley.bootstrap.Parley");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("DATABASE_URL");
    builder.environment().remove("DATASOURCES_DEFAULT_URL");
    builder.environment().remove("PARLEY_DATA_DIR");
    builder.environment().putAll(environment);
    return builder.redirectErrorStream(true).redirectOutput(log).start();
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Polls {@code /health} until it answers 200; fails if the process dies or {@code bound} ends.
   */
  public static Api awaitHealthy(int port, Process process, Duration bound)
      throws InterruptedException {
    Api api = new Api(URI.create("http://localhost:" + port));
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("the server process died; see its log in target/").isTrue();
      try {
        if (api.get("/health", null).status() == 200) {
          return api;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("server did not become healthy within " + bound);
  }
}
