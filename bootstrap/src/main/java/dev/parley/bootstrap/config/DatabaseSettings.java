package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code DATABASE_URL}: an external PostgreSQL; unset, Parley runs its own. */
@ConfigurationProperties("database")
public class DatabaseSettings {
  private String url;

  @Nullable
  public String getUrl() {
    return url;
  }

  public void setUrl(@Nullable String url) {
    this.url = url;
  }
}
