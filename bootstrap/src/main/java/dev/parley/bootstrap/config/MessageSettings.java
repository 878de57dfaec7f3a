package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The bounds on a message's reactions and a channel's pins. */
@ConfigurationProperties("parley.messages")
public class MessageSettings {
  private int maxReactionsPerMessage = 20;
  private int maxReactionsPerUser = 10;
  private int maxPinsPerChannel = 50;

  /** Pinned messages one channel may have. */
  public int getMaxPinsPerChannel() {
    return maxPinsPerChannel;
  }

  public void setMaxPinsPerChannel(int maxPinsPerChannel) {
    this.maxPinsPerChannel = maxPinsPerChannel;
  }

  /** Different emojis on one message. */
  public int getMaxReactionsPerMessage() {
    return maxReactionsPerMessage;
  }

  public void setMaxReactionsPerMessage(int maxReactionsPerMessage) {
    this.maxReactionsPerMessage = maxReactionsPerMessage;
  }

  /** Reactions one user may put on one message. */
  public int getMaxReactionsPerUser() {
    return maxReactionsPerUser;
  }

  public void setMaxReactionsPerUser(int maxReactionsPerUser) {
    this.maxReactionsPerUser = maxReactionsPerUser;
  }
}
