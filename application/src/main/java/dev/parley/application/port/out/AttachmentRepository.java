package dev.parley.application.port.out;

import dev.parley.domain.message.Attachment;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stores what is known about uploaded files and which message carries each. */
public interface AttachmentRepository {

  /** What is needed to record an upload whose bytes are already stored. */
  record NewAttachment(
      long channelId,
      long uploaderId,
      String filename,
      String contentType,
      long size,
      String sha256,
      String storageKey,
      Instant createdAt) {}

  /**
   * Records the upload, not attached to any message yet, unless the uploader's kept uploads with it
   * would pass {@code quotaBytes}: then records nothing and answers empty. Checking and recording
   * are one step per uploader, so concurrent uploads cannot both take the last room.
   */
  Optional<Attachment> saveWithinQuota(NewAttachment attachment, long quotaBytes);

  Optional<Attachment> findById(long id);

  /**
   * Links those of {@code ids} that no message carries yet to the message, atomically per row, and
   * returns how many it linked: fewer than asked means another message got some first.
   */
  int attachToMessage(Collection<Long> ids, long messageId);

  /** The attachments of the given messages, by message id then upload order. */
  List<Attachment> findByMessageIds(Collection<Long> messageIds);

  /** The total size of the uploads of the user that are still kept, sent or not. */
  long storedBytesOf(long uploaderId);

  /**
   * Deletes up to {@code limit} attachments nobody can download any more: uploads no message
   * carries that were made before {@code unsentBefore}, and those of deleted messages. Each row is
   * re-checked as it is deleted, so an upload sent meanwhile is kept. Returns how many it deleted;
   * their storage keys join {@link #filesToRemove}.
   */
  int deleteUnwanted(Instant unsentBefore, int limit);

  /**
   * Up to {@code limit} storage keys of deleted attachments whose bytes may still be stored: every
   * deletion queues one, by {@link #deleteUnwanted} or with the row's channel, server or message.
   */
  List<String> filesToRemove(int limit);

  /** Forgets keys of {@link #filesToRemove} whose bytes are gone. */
  void filesRemoved(Collection<String> storageKeys);
}
