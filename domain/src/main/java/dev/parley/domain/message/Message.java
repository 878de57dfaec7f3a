package dev.parley.domain.message;

import java.time.Instant;

/**
 * A posted message. {@code seq} numbers the messages of a channel 1, 2, 3… without gaps; a deleted
 * message keeps its place but not its text. {@code pos} is the position of its creation in the
 * channel's change log, which also orders edits, deletes and reactions. A message an incoming
 * webhook posted names it in {@code webhookId} and carries the name it was posted under in {@code
 * displayName}; both are null for everyone else's.
 */
public record Message(
    long id,
    long channelId,
    long seq,
    long authorId,
    String content,
    Instant createdAt,
    Instant editedAt,
    Instant deletedAt,
    Long replyToId,
    String nonce,
    long pos,
    Long webhookId,
    String displayName) {

  /** A message not posted by a webhook. */
  public Message(
      long id,
      long channelId,
      long seq,
      long authorId,
      String content,
      Instant createdAt,
      Instant editedAt,
      Instant deletedAt,
      Long replyToId,
      String nonce,
      long pos) {
    this(
        id, channelId, seq, authorId, content, createdAt, editedAt, deletedAt, replyToId, nonce,
        pos, null, null);
  }

  /** Whether an incoming webhook posted it. */
  public boolean fromWebhook() {
    return webhookId != null;
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  public boolean isEdited() {
    return editedAt != null;
  }
}
