package dev.parley.bootstrap.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.reflect.ClassUtils;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL on its own thread as the process launches, so unpacking, initdb
 * and the server's start overlap Micronaut building its context instead of following it. The {@link
 * EmbeddedDatabase} bean then claims that server; nothing starts when a database is configured or
 * the build has no embedded PostgreSQL.
 */
public final class EmbeddedPrestart {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPrestart.class);
  private static final String ZONKY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

  /** A server started (or being started) for one data directory. */
  private record Launch(Path dataDir, CompletableFuture<EmbeddedPostgres> postgres) {}

  // What begin() decided, until a context claims it: a launch, or empty when none was wanted.
  private static CompletableFuture<Optional<Launch>> pending;

  private EmbeddedPrestart() {}

  /**
   * Reads the configuration the way the application context will (same property sources, same
   * arguments) and, when it asks for the embedded PostgreSQL, starts it in the background.
   */
  public static synchronized void begin(String... args) {
    if (pending != null
        || ParleySettings.inNativeImage()
        || !ClassUtils.isPresent(ZONKY, EmbeddedPrestart.class.getClassLoader())) {
      return;
    }
    CompletableFuture<Optional<Launch>> decided = new CompletableFuture<>();
    pending = decided;
    Thread starter =
        new Thread(
            () -> {
              Optional<Path> dataDir;
              try {
                dataDir = embeddedDataDir(args);
              } catch (RuntimeException e) {
                // The context reads the same configuration and reports what is wrong with it.
                LOG.debug("No early start of the embedded PostgreSQL: {}", e.toString());
                dataDir = Optional.empty();
              }
              if (dataDir.isEmpty()) {
                decided.complete(Optional.empty());
                return;
              }
              CompletableFuture<EmbeddedPostgres> postgres = new CompletableFuture<>();
              decided.complete(Optional.of(new Launch(dataDir.get(), postgres)));
              try {
                postgres.complete(EmbeddedDatabase.launch(dataDir.get()));
              } catch (IOException | RuntimeException e) {
                postgres.completeExceptionally(e);
              }
            },
            "parley-embedded-start");
    starter.setDaemon(true);
    starter.start();
  }

  /** The data directory when the configuration asks for the embedded PostgreSQL. */
  private static Optional<Path> embeddedDataDir(String... args) {
    try (ApplicationContext probe = ApplicationContext.builder().args(args).build()) {
      Environment env = probe.getEnvironment();
      env.start();
      String datasourceUrl = env.getProperty("datasources.default.url", String.class).orElse(null);
      String databaseUrl = env.getProperty("database.url", String.class).orElse(null);
      if (!ParleySettings.wantsEmbedded(databaseUrl, datasourceUrl)) {
        return Optional.empty();
      }
      String dir =
          env.getProperty("parley.data-dir", String.class).orElse(StartupSettings.DATA_DIR);
      return Optional.of(ParleySettings.normalise(dir));
    }
  }

  /**
   * The server started early for {@code dataDir}, waiting for it if it is still starting; empty
   * when none was started for that directory (one started for another is stopped). Its failure is
   * thrown here, as the bean's own start would throw it.
   */
  static Optional<EmbeddedPostgres> claim(Path dataDir) throws IOException {
    CompletableFuture<Optional<Launch>> decided;
    synchronized (EmbeddedPrestart.class) {
      decided = pending;
      if (decided == null) {
        return Optional.empty();
      }
      // One claim per launch: a second context in this process starts its own server.
      pending = null;
    }
    Optional<Launch> launch = decided.join();
    if (launch.isEmpty()) {
      return Optional.empty();
    }
    EmbeddedPostgres postgres;
    try {
      postgres = launch.get().postgres().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the embedded PostgreSQL started", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
    if (launch.get().dataDir().equals(dataDir)) {
      return Optional.of(postgres);
    }
    LOG.warn(
        "Stopping the PostgreSQL started early under {}: the context wants {}",
        launch.get().dataDir(),
        dataDir);
    postgres.close();
    return Optional.empty();
  }

  /** Stops a server started early that no context claimed (the start was refused). */
  public static void abandon() {
    CompletableFuture<Optional<Launch>> decided;
    synchronized (EmbeddedPrestart.class) {
      decided = pending;
      pending = null;
    }
    if (decided != null) {
      // Waits for a start in progress, so no PostgreSQL outlives this process.
      decided
          .join()
          .ifPresent(
              launch ->
                  launch
                      .postgres()
                      .thenAccept(EmbeddedPrestart::closeQuietly)
                      .exceptionally(e -> null)
                      .join());
    }
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("The embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }
}
