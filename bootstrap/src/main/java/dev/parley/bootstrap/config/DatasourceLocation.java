package dev.parley.bootstrap.config;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;

/**
 * Points the default datasource at {@code DATABASE_URL}, or, when no database is configured, at the
 * embedded PostgreSQL; refuses to start when that is wanted but not in this build.
 */
@Singleton
public class DatasourceLocation implements BeanInitializedEventListener<DatasourceConfiguration> {
  private final ParleySettings settings;
  // A provider, so the embedded database is neither looked up nor started unless it is used.
  private final BeanProvider<EmbeddedDatabase> embedded;

  DatasourceLocation(ParleySettings settings, BeanProvider<EmbeddedDatabase> embedded) {
    this.settings = settings;
    this.embedded = embedded;
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
      if (!embedded.isPresent()) {
        throw new StartupRefused(ParleySettings.NO_EMBEDDED_DATABASE);
      }
      config.setUrl(embedded.get().jdbcUrl());
      config.setUsername("postgres");
      config.setPassword("");
    }
    return config;
  }
}
