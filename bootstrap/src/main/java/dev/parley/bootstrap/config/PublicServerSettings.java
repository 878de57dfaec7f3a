package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** Who operates the public server (the rooms). */
@ConfigurationProperties("parley.public-server")
public class PublicServerSettings {
  private List<String> operators;

  /** Unset differs from empty: unset, the demo admin operates when there is demo data. */
  @Nullable
  public List<String> getOperators() {
    return operators;
  }

  public void setOperators(@Nullable List<String> operators) {
    this.operators = operators;
  }
}
