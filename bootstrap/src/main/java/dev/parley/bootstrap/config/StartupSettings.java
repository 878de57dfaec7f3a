package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The process-wide choices as configured; {@link ParleySettings} decides what they mean. */
@ConfigurationProperties("parley")
public class StartupSettings {
  /** Where embedded-mode data lives unless configured. */
  static final String DATA_DIR = "./data";

  private String dataDir = DATA_DIR;
  private String jwtSecret;
  private String demoData;

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  /** Unset: generated once into the data dir in embedded mode, refused with a database. */
  @Nullable
  public String getJwtSecret() {
    return jwtSecret;
  }

  public void setJwtSecret(@Nullable String jwtSecret) {
    this.jwtSecret = jwtSecret;
  }

  /**
   * Kept as text, not a boolean: unset or blank means "only in embedded mode", which a boolean
   * conversion would turn into false.
   */
  @Nullable
  public String getDemoData() {
    return demoData;
  }

  public void setDemoData(@Nullable String demoData) {
    this.demoData = demoData;
  }
}
