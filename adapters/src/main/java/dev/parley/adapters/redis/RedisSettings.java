package dev.parley.adapters.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How this node uses Redis when {@code redis.uri} is set: keys, timeouts, presence and repair. */
@ConfigurationProperties("parley.redis")
public class RedisSettings {
  private String keyPrefix = "parley:";
  private Duration commandTimeout = Duration.ofSeconds(2);
  private Duration checkInterval = Duration.ofSeconds(1);
  private Duration maxReconnectDelay = Duration.ofSeconds(2);
  private Duration presenceTtl = Duration.ofSeconds(30);
  private Duration repairMargin = Duration.ofSeconds(10);

  /** Put before every key, so several deployments can share one Redis. */
  public String getKeyPrefix() {
    return keyPrefix;
  }

  public void setKeyPrefix(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }

  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }

  /** How often the link is checked, and a lost one noticed. */
  public Duration getCheckInterval() {
    return checkInterval;
  }

  public void setCheckInterval(Duration checkInterval) {
    this.checkInterval = checkInterval;
  }

  /**
   * Lettuce backs off to 30 s by default, which would keep nodes apart long after Redis is back.
   */
  public Duration getMaxReconnectDelay() {
    return maxReconnectDelay;
  }

  public void setMaxReconnectDelay(Duration maxReconnectDelay) {
    this.maxReconnectDelay = maxReconnectDelay;
  }

  /** How long a node's presence and socket counts outlive it when it stops without saying so. */
  public Duration getPresenceTtl() {
    return presenceTtl;
  }

  public void setPresenceTtl(Duration presenceTtl) {
    this.presenceTtl = presenceTtl;
  }

  /** How far before an outage's start the repair reads, for events in flight and clock skew. */
  public Duration getRepairMargin() {
    return repairMargin;
  }

  public void setRepairMargin(Duration repairMargin) {
    this.repairMargin = repairMargin;
  }
}
