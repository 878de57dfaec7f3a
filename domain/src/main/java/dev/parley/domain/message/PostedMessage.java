package dev.parley.domain.message;

import dev.parley.domain.channel.Channel;
import java.util.List;

/**
 * A message with what every surface shows beside it: its author's name, its channel's server and
 * the files it carries.
 */
public record PostedMessage(
    Message message, String authorName, Long serverId, List<Attachment> attachments) {

  public PostedMessage {
    attachments = List.copyOf(attachments);
  }

  public PostedMessage(Message message, String authorName, Long serverId) {
    this(message, authorName, serverId, List.of());
  }

  public static PostedMessage of(Message message, String authorName, Channel channel) {
    return new PostedMessage(message, authorName, channel.serverId());
  }

  /** The same message, carrying {@code files}. */
  public PostedMessage withAttachments(List<Attachment> files) {
    return new PostedMessage(message, authorName, serverId, files);
  }
}
