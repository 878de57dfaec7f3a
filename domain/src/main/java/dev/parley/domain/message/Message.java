package dev.parley.domain.message;

import java.time.Instant;

/**
 * A posted message. {@code seq} numbers the messages of a channel 1, 2, 3… without gaps; a deleted
 * message keeps its place but not its text. {@code pos} is the position of its creation in the
 * channel's change log, which also orders edits, deletes and reactions.
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
    long pos) {

  public boolean isDeleted() {
    return deletedAt != null;
  }

  public boolean isEdited() {
    return editedAt != null;
  }
}
