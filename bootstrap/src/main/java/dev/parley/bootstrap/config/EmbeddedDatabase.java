package dev.parley.bootstrap.config;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the default datasource at the configured database, or, when none is configured, at a real
 * PostgreSQL started from Maven-packaged binaries with its files under the data directory. A
 * JVM-only convenience: native images require {@code DATABASE_URL}.
 */
@Singleton
@Requires(classes = EmbeddedPostgres.class)
public class EmbeddedDatabase implements BeanInitializedEventListener<DatasourceConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final ParleySettings settings;
  private EmbeddedPostgres postgres;

  EmbeddedDatabase(ParleySettings settings) {
    this.settings = settings;
  }

  @Override
  public DatasourceConfiguration onInitialized(
      BeanInitializingEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration config = event.getBean();
    if (!"default".equals(config.getName())) {
      return config;
    }
    DatabaseUrl url = settings.databaseUrl();
    if (url != null) {
      config.setUrl(url.jdbcUrl());
      if (url.username() != null) {
        config.setUsername(url.username());
      }
      if (url.password() != null) {
        config.setPassword(url.password());
      }
    } else if (settings.embedded()) {
      EmbeddedPostgres pg = start();
      config.setUrl(pg.getJdbcUrl("postgres", "postgres"));
      config.setUsername("postgres");
      config.setPassword("");
    }
    return config;
  }

  private synchronized EmbeddedPostgres start() {
    if (postgres == null) {
      Path dir = settings.dataDir();
      long begin = System.nanoTime();
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dir.resolve("pg-runtime").toFile())
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .start();
      } catch (IOException e) {
        throw new StartupRefused(
            "the embedded PostgreSQL did not start under " + dir + ": " + e.getMessage());
      } catch (IllegalStateException locked) {
        throw new StartupRefused(
            "the data directory "
                + dir
                + " is in use by another Parley process; stop it or set PARLEY_DATA_DIR");
      }
      LOG.info(
          "Embedded PostgreSQL on port {} with data in {} (started in {} ms)",
          postgres.getPort(),
          dir.resolve("postgres"),
          (System.nanoTime() - begin) / 1_000_000);
    }
    return postgres;
  }

  @PreDestroy
  synchronized void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
