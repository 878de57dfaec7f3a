package dev.parley.adapters.web.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** Who may scrape {@code GET /metrics}, and how often the socket queues are sampled for it. */
@ConfigurationProperties("parley.metrics")
public class MetricsSettings {
  private String token;
  private Duration queueSampleInterval = Duration.ofSeconds(5);

  /** Unset: only clients on this machine may scrape, never through a proxy. */
  @Nullable
  public String getToken() {
    return token;
  }

  public void setToken(@Nullable String token) {
    this.token = token;
  }

  /**
   * Read by {@code LiveSockets}' schedule, which names the key with this default itself (a schedule
   * takes a placeholder, not a bean); ConfigurationTableTest keeps the two equal.
   */
  public Duration getQueueSampleInterval() {
    return queueSampleInterval;
  }

  public void setQueueSampleInterval(Duration queueSampleInterval) {
    this.queueSampleInterval = queueSampleInterval;
  }
}
