package dev.parley.domain.message;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.user.User;
import java.util.List;

/**
 * A message with what every surface shows beside it: its author's name and whether the author is a
 * bot, its channel's server and the files it carries. A webhook's message shows the name it was
 * posted under and counts as a bot's, whoever builds it.
 */
public record PostedMessage(
    Message message,
    String authorName,
    Long serverId,
    List<Attachment> attachments,
    boolean authorBot) {

  public PostedMessage {
    attachments = List.copyOf(attachments);
    if (message.fromWebhook()) {
      // Here, not in each reader: every surface, history, search, export and replay agree.
      authorName = message.displayName() != null ? message.displayName() : authorName;
      authorBot = true;
    }
  }

  /** The incoming webhook that posted the message; null for everyone else's. */
  public Long webhookId() {
    return message.webhookId();
  }

  public PostedMessage(
      Message message, String authorName, Long serverId, List<Attachment> attachments) {
    this(message, authorName, serverId, attachments, false);
  }

  public PostedMessage(Message message, String authorName, Long serverId) {
    this(message, authorName, serverId, List.of());
  }

  public static PostedMessage of(Message message, String authorName, Channel channel) {
    return new PostedMessage(message, authorName, channel.serverId());
  }

  /** The message with its author's name and bot mark taken from {@code author}. */
  public static PostedMessage of(Message message, User author, Channel channel) {
    return new PostedMessage(
        message, author.username().value(), channel.serverId(), List.of(), author.bot());
  }

  /** The same message, carrying {@code files}. */
  public PostedMessage withAttachments(List<Attachment> files) {
    return new PostedMessage(message, authorName, serverId, files, authorBot);
  }
}
