package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How often data exports may run, and how many messages each of their reads fetches. */
@ConfigurationProperties("parley.export")
public class ExportSettings {
  private int burst = 1;
  private Duration interval = Duration.ofMinutes(1);
  private int pageSize = 500;

  public int getBurst() {
    return burst;
  }

  public void setBurst(int burst) {
    this.burst = burst;
  }

  public Duration getInterval() {
    return interval;
  }

  public void setInterval(Duration interval) {
    this.interval = interval;
  }

  public int getPageSize() {
    return pageSize;
  }

  public void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }
}
