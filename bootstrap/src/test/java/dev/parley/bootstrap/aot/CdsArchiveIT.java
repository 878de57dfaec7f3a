package dev.parley.bootstrap.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.ParleyProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/cds-archive.sh} makes a class-data sharing archive for the packaged jar (on JDK
 * 25, an ahead-of-time cache), and a JVM started with it maps it: Parley's own classes come from
 * the archive, not from the jar.
 */
class CdsArchiveIT {

  @Test
  void theScriptsArchiveIsUsedByTheNextStart(@TempDir Path work) throws Exception {
    String java = new File(System.getProperty("java.home"), "bin/java").getPath();
    Path archive = work.resolve("parley.jsa");
    // -Xshare:on: the JVM refuses to start rather than run without the archive.
    trainThenStart(work, java, archive, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
  }

  @Test
  void onJdk25TheScriptsAheadOfTimeCacheIsUsedByTheNextStart(@TempDir Path work) throws Exception {
    Optional<String> jdk25 = jdk25();
    assumeTrue(jdk25.isPresent(), "no JDK 25 under /usr/lib/jvm or in $JAVA25_HOME");
    Path cache = work.resolve("parley.aot");
    // AOTMode=on: the JVM refuses to start rather than run without the cache.
    trainThenStart(work, jdk25.get(), cache, List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache));
  }

  private static void trainThenStart(Path work, String java, Path archive, List<String> useIt)
      throws Exception {
    Path jar = Path.of("target/parley.jar").toAbsolutePath();
    assertThat(jar).as("the jar (built by package)").exists();
    String databaseUrl = TestPostgres.freshDatabaseUrl();

    ProcessBuilder training =
        new ProcessBuilder(
                "bash",
                Path.of("../scripts/cds-archive.sh").toAbsolutePath().toString(),
                jar.toString(),
                archive.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("training.out").toFile());
    training.environment().put("DATABASE_URL", databaseUrl);
    training.environment().put("PORT", Integer.toString(ParleyProcess.freePort()));
    training.environment().put("JAVA", java);
    Process script = training.start();
    assertThat(script.waitFor(240, TimeUnit.SECONDS)).as("the script finished").isTrue();
    assertThat(script.exitValue()).as(Files.readString(work.resolve("training.out"))).isZero();
    assertThat(archive).isNotEmptyFile();

    int port = ParleyProcess.freePort();
    Path classes = work.resolve("classes.log");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(useIt);
    command.addAll(List.of("-Xlog:class+load=info:file=" + classes, "-jar", jar.toString()));
    ProcessBuilder shared =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("shared.out").toFile());
    shared.environment().put("DATABASE_URL", databaseUrl);
    shared.environment().put("PARLEY_JWT_SECRET", ApiTestBase.SECRET);
    shared.environment().put("PARLEY_DATA_DIR", work.resolve("data").toString());
    shared.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    Process server = shared.start();
    try {
      ParleyProcess.awaitHealthy(port, server, Duration.ofSeconds(120));
      assertThat(Files.readAllLines(classes))
          .anyMatch(
              line ->
                  line.contains("dev.parley.bootstrap.Parley ")
                      && line.contains("shared objects file"));
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** A JDK 25's java: $JAVA25_HOME, else one under /usr/lib/jvm whose name says 25. */
  private static Optional<String> jdk25() throws IOException {
    String home = System.getenv("JAVA25_HOME");
    if (home != null && new File(home, "bin/java").canExecute()) {
      return Optional.of(new File(home, "bin/java").getPath());
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(jvms)) {
      return dirs.filter(d -> d.getFileName().toString().matches(".*-25([.-].*)?"))
          .map(d -> d.resolve("bin/java"))
          .filter(Files::isExecutable)
          .map(Path::toString)
          .findFirst();
    }
  }
}
