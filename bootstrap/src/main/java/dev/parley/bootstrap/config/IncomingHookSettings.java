package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How fast each incoming webhook may post: a burst, then one post back per interval. */
@ConfigurationProperties("parley.incoming-webhooks")
public class IncomingHookSettings {
  private int burst = 10;
  private Duration interval = Duration.ofSeconds(1);

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
}
