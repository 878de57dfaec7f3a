package dev.parley.bootstrap.aot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.ParleyProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/cds-archive.sh} makes a class-data sharing archive for the packaged jar, and a JVM
 * started with it maps it: Parley's own classes come from the archive, not from the jar.
 */
class CdsArchiveIT {

  @Test
  void theScriptsArchiveIsUsedByTheNextStart(@TempDir Path work) throws Exception {
    Path jar = Path.of("target/parley.jar").toAbsolutePath();
    assertThat(jar).as("the jar (built by package)").exists();
    Path archive = work.resolve("parley.jsa");
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
    training.environment().put("JAVA", javaBinary());
    Process script = training.start();
    assertThat(script.waitFor(240, TimeUnit.SECONDS)).as("the script finished").isTrue();
    assertThat(script.exitValue()).as(Files.readString(work.resolve("training.out"))).isZero();
    assertThat(archive).isNotEmptyFile();

    int port = ParleyProcess.freePort();
    Path classes = work.resolve("classes.log");
    // -Xshare:on: the JVM refuses to start rather than run without the archive.
    ProcessBuilder shared =
        new ProcessBuilder(
                List.of(
                    javaBinary(),
                    "-Xshare:on",
                    "-XX:SharedArchiveFile=" + archive,
                    "-Xlog:class+load=info:file=" + classes,
                    "-jar",
                    jar.toString()))
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

  private static String javaBinary() {
    return new File(System.getProperty("java.home"), "bin/java").getPath();
  }
}
