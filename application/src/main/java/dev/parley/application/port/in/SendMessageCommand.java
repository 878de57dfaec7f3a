package dev.parley.application.port.in;

import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.message.Nonce;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Input of {@link SendMessageUseCase}, to a channel that is what the surface {@code expected}. A
 * repeated {@code nonce} returns the first message. {@code attachmentIds} are the caller's uploads
 * to the channel that the message carries; with at least one, {@code text} may be null.
 */
public record SendMessageCommand(
    long userId,
    long channelId,
    ChannelExpectation expected,
    MessageText text,
    String nonce,
    Long replyToId,
    List<Long> attachmentIds) {
  public static final int MAX_ATTACHMENTS = 10;

  public SendMessageCommand {
    expected = expected == null ? ChannelExpectation.ANY : expected;
    nonce = Nonce.valid(nonce);
    attachmentIds = attachmentIds == null ? List.of() : attachmentIds;
    if (attachmentIds.stream().anyMatch(Objects::isNull)) {
      throw new InvalidInput("attachment_ids", "attachment_ids must not contain null");
    }
    attachmentIds = List.copyOf(attachmentIds);
    if (attachmentIds.size() > MAX_ATTACHMENTS) {
      throw new InvalidInput(
          "attachment_ids", "a message carries at most " + MAX_ATTACHMENTS + " attachments");
    }
    if (new HashSet<>(attachmentIds).size() != attachmentIds.size()) {
      throw new InvalidInput("attachment_ids", "attachment_ids must not repeat an id");
    }
    if (text == null && attachmentIds.isEmpty()) {
      throw new InvalidInput("text", "message text must not be empty");
    }
  }

  public SendMessageCommand(
      long userId,
      long channelId,
      ChannelExpectation expected,
      MessageText text,
      String nonce,
      Long replyToId) {
    this(userId, channelId, expected, text, nonce, replyToId, List.of());
  }

  public static SendMessageCommand of(
      long userId, long channelId, ChannelExpectation expected, String text, String nonce) {
    return new SendMessageCommand(userId, channelId, expected, new MessageText(text), nonce, null);
  }

  /** The text a surface received: none when it is blank and files are attached, else validated. */
  public static MessageText text(String raw, List<Long> attachmentIds) {
    boolean files = attachmentIds != null && !attachmentIds.isEmpty();
    return files && (raw == null || raw.isBlank()) ? null : new MessageText(raw);
  }

  /** What the message stores as its text: empty when it only carries files. */
  public String content() {
    return text == null ? "" : text.value();
  }
}
