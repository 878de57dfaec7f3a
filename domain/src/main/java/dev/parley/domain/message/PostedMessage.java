package dev.parley.domain.message;

import dev.parley.domain.channel.Channel;

/** A message with what every surface shows beside it: its author's name and its channel. */
public record PostedMessage(Message message, String authorName, Long serverId) {

  public static PostedMessage of(Message message, String authorName, Channel channel) {
    return new PostedMessage(message, authorName, channel.serverId());
  }
}
