package dev.parley.bootstrap.aot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Micronaut AOT-optimised jar, as built by {@code package}, run as its own process with {@code
 * java -jar} against PostgreSQL: it must start healthy, register and log a user in over HTTP and
 * carry a message over the native socket and back.
 */
class AotJarIT {

  @Test
  void startsAndServesLoginAndASocketRoundTrip(@TempDir Path dataDir) throws Exception {
    Path jar = Path.of(System.getProperty("parley.aot.jar", "target/parley-aot.jar"));
    assertThat(jar).as("the AOT jar (built by package)").exists();
    assertThat(jar.resolveSibling("parley.jar")).as("the jar it launches from").exists();
    int port = freePort();
    Path log = jar.resolveSibling("aot-it-" + port + ".log");

    ProcessBuilder command =
        new ProcessBuilder(
                List.of(
                    new File(System.getProperty("java.home"), "bin/java").getPath(),
                    "-jar",
                    jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Configured the way operators do, through the environment: the AOT build must still read it.
    Map<String, String> env = command.environment();
    env.put("DATABASE_URL", TestPostgres.freshDatabaseUrl());
    env.put("PARLEY_JWT_SECRET", ApiTestBase.SECRET);
    env.put("PARLEY_DATA_DIR", dataDir.toString());
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    env.put("PARLEY_SECURITY_BCRYPT_COST", "4");
    Process server = command.start();
    try {
      Api api = awaitHealthy(port, server, log);
      assertThat(Files.readString(log)).contains("Micronaut AOT optimisations are on");

      Api.Session alice = api.newUser("aot");
      assertThat(api.get("/users/me", alice.token()).json().get("username").getStringValue())
          .isEqualTo(alice.username());
      Fixtures fx = new Fixtures(api);
      long serverId = fx.server(alice, "AOT");
      long channel = fx.channel(alice, serverId, "general", "TEXT");
      try (WsClient ws = fx.gateway(alice)) {
        ws.send(
            "{\"type\":\"send_message\",\"channelId\":"
                + channel
                + ",\"text\":\"hello from the AOT jar\",\"nonce\":\"aot-1\"}");
        // The ack and the broadcast travel separately: either may come first.
        List<JsonNode> frames =
            ws.awaitEach(
                f -> "message_ack".equals(f.get("type").getStringValue()),
                f -> "new_message".equals(f.get("type").getStringValue()));
        assertThat(frames.get(0).get("nonce").getStringValue()).isEqualTo("aot-1");
        assertThat(frames.get(1).get("text").getStringValue()).isEqualTo("hello from the AOT jar");
      }
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Api awaitHealthy(int port, Process process, Path log) throws InterruptedException {
    Api api = new Api(URI.create("http://localhost:" + port));
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("the AOT jar exited; see " + log).isTrue();
      try {
        if (api.get("/health", null).status() == 200) {
          return api;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the AOT jar did not become healthy; see " + log);
  }
}
