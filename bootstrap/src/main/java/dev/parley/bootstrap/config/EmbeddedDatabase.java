package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from Maven-packaged binaries with its files under the data directory,
 * for when no database is configured. A JVM-only convenience: the bean exists only where zonky's
 * classes do, and native builds leave them out (they require {@code DATABASE_URL}).
 */
@Singleton
@Requires(classes = EmbeddedPostgres.class)
public class EmbeddedDatabase implements BeanDestroyedEventListener<DataSource> {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final ParleySettings settings;
  private EmbeddedPostgres postgres;
  private boolean startedEarly;

  EmbeddedDatabase(ParleySettings settings) {
    this.settings = settings;
  }

  /** Starts PostgreSQL (once) and answers the JDBC URL of its {@code postgres} database. */
  String jdbcUrl() {
    return start().getJdbcUrl("postgres", "postgres");
  }

  /** Whether this server was the one {@link EmbeddedPrestart} started as the process launched. */
  synchronized boolean startedEarly() {
    return startedEarly;
  }

  /** Where the embedded PostgreSQL writes its own output. */
  static Path logFile(Path dataDir) {
    return dataDir.resolve("postgres.log");
  }

  private synchronized EmbeddedPostgres start() {
    if (postgres == null) {
      Path dir = settings.dataDir();
      long begin = System.nanoTime();
      boolean early;
      try {
        Optional<EmbeddedPostgres> started = EmbeddedPrestart.claim(dir);
        early = started.isPresent();
        startedEarly = early;
        postgres = early ? started.get() : launch(dir);
      } catch (IOException e) {
        throw new StartupRefused(
            "the embedded PostgreSQL did not start under "
                + dir
                + ": "
                + e.getMessage()
                + " (its own output is in "
                + logFile(dir)
                + ")");
      } catch (IllegalStateException locked) {
        throw new StartupRefused(
            "the data directory "
                + dir
                + " is in use by another Parley process; stop it or set PARLEY_DATA_DIR");
      }
      LOG.info(
          "Embedded PostgreSQL on port {} with data in {} ({} {} ms)",
          postgres.getPort(),
          dir.resolve("postgres"),
          early ? "started as the process launched; waited" : "started in",
          (System.nanoTime() - begin) / 1_000_000);
    }
    return postgres;
  }

  /** Starts PostgreSQL under {@code dir}, durably; throws as zonky does when it cannot. */
  static EmbeddedPostgres launch(Path dir) throws IOException {
    stopOrphan(dir.resolve("postgres"));
    // initdb's and the server's own output go to a file in the data dir, not Parley's console.
    ProcessBuilder.Redirect pgLog = ProcessBuilder.Redirect.appendTo(logFile(dir).toFile());
    Files.createDirectories(dir);
    return EmbeddedPostgres.builder()
        .setOutputRedirector(pgLog)
        .setErrorRedirector(pgLog)
        .setOverrideWorkingDirectory(dir.resolve("pg-runtime").toFile())
        .setDataDirectory(dir.resolve("postgres"))
        .setCleanDataDirectory(false)
        // Stopped in stop(), after the connection pool has closed, not by a racing hook.
        .setRegisterShutdownHook(false)
        // zonky's defaults (-F, commits acknowledged before their WAL is flushed) suit
        // throwaway test databases: a kill of PostgreSQL then loses commits Parley has
        // already acked. These come after -F on the command line, so they win over it.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .start();
  }

  /**
   * A Parley killed with SIGKILL leaves its PostgreSQL running, holding the data directory; stop
   * that orphan (found through postmaster.pid) so this start can take over.
   */
  private static void stopOrphan(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
      ProcessHandle.of(pid)
          .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
          .ifPresent(
              orphan -> {
                LOG.warn("Stopping the PostgreSQL left running by an earlier Parley (pid {})", pid);
                orphan.destroy();
                orphan.onExit().completeOnTimeout(null, 15, TimeUnit.SECONDS).join();
              });
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not check {}: {}", pidFile, e.toString());
    }
  }

  /** Stops PostgreSQL once the connection pool is gone, so in-flight commits are not cut. */
  @Override
  public void onDestroyed(BeanDestroyedEvent<DataSource> event) {
    stop();
  }

  synchronized void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("The embedded PostgreSQL did not stop cleanly: {}", e.toString());
      }
      postgres = null;
    }
  }
}
