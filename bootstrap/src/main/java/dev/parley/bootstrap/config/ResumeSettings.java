package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** How much a resume replays before the client is told to resync instead. */
@ConfigurationProperties("parley.resume")
public class ResumeSettings {
  private int maxPerChannel = 500;
  private int maxTotal = 5000;

  public int getMaxPerChannel() {
    return maxPerChannel;
  }

  public void setMaxPerChannel(int maxPerChannel) {
    this.maxPerChannel = maxPerChannel;
  }

  public int getMaxTotal() {
    return maxTotal;
  }

  public void setMaxTotal(int maxTotal) {
    this.maxTotal = maxTotal;
  }
}
