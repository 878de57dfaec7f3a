package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/** Outgoing event webhooks: polling, retries, automatic disabling and the SSRF lists. */
@ConfigurationProperties("parley.webhooks")
public class WebhookSettings {
  private boolean enabled = true;
  private Duration pollInterval = Duration.ofMillis(250);
  private Duration firstRetry = Duration.ofSeconds(1);
  private Duration maxRetry = Duration.ofMinutes(10);
  private int disableAfterFailures = 20;
  private Duration connectTimeout = Duration.ofSeconds(3);
  private Duration readTimeout = Duration.ofSeconds(5);
  private int maxPerServer = 10;
  private int deliveryThreads = 4;
  private Duration deliveryLogRetention = Duration.ofDays(7);
  private List<String> allowedHosts = List.of();
  private List<String> deniedHosts = List.of();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getFirstRetry() {
    return firstRetry;
  }

  public void setFirstRetry(Duration firstRetry) {
    this.firstRetry = firstRetry;
  }

  public Duration getMaxRetry() {
    return maxRetry;
  }

  public void setMaxRetry(Duration maxRetry) {
    this.maxRetry = maxRetry;
  }

  public int getDisableAfterFailures() {
    return disableAfterFailures;
  }

  public void setDisableAfterFailures(int disableAfterFailures) {
    this.disableAfterFailures = disableAfterFailures;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public int getMaxPerServer() {
    return maxPerServer;
  }

  public void setMaxPerServer(int maxPerServer) {
    this.maxPerServer = maxPerServer;
  }

  public int getDeliveryThreads() {
    return deliveryThreads;
  }

  public void setDeliveryThreads(int deliveryThreads) {
    this.deliveryThreads = deliveryThreads;
  }

  /** How long the delivery log keeps an attempt. */
  public Duration getDeliveryLogRetention() {
    return deliveryLogRetention;
  }

  public void setDeliveryLogRetention(Duration deliveryLogRetention) {
    this.deliveryLogRetention = deliveryLogRetention;
  }

  public List<String> getAllowedHosts() {
    return allowedHosts;
  }

  public void setAllowedHosts(List<String> allowedHosts) {
    this.allowedHosts = allowedHosts == null ? List.of() : allowedHosts;
  }

  public List<String> getDeniedHosts() {
    return deniedHosts;
  }

  public void setDeniedHosts(List<String> deniedHosts) {
    this.deniedHosts = deniedHosts == null ? List.of() : deniedHosts;
  }
}
