package dev.parley.domain.message;

import java.time.Instant;

/**
 * A file uploaded to a channel: its bytes sit in storage under {@code storageKey}, chosen by the
 * server and never by the client. {@code messageId} is null until a message of its uploader carries
 * it; after that it belongs to that message for good.
 */
public record Attachment(
    long id,
    long channelId,
    long uploaderId,
    String filename,
    String contentType,
    long size,
    String sha256,
    String storageKey,
    Instant createdAt,
    Long messageId) {

  public boolean isAttached() {
    return messageId != null;
  }

  /** The same attachment, carried by {@code message}. */
  public Attachment attachedTo(long message) {
    return new Attachment(
        id,
        channelId,
        uploaderId,
        filename,
        contentType,
        size,
        sha256,
        storageKey,
        createdAt,
        message);
  }
}
