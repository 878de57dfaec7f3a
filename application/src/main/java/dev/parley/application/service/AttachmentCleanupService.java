package dev.parley.application.service;

import dev.parley.application.port.in.CleanUpAttachmentsUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.AttachmentStorage;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes unsent uploads older than the time to live and the attachments of deleted messages, in
 * batches, then the bytes of every deleted attachment (these, and those that went with their
 * channel or server): the row first, then the bytes, so a row never names missing bytes; a key is
 * forgotten only after its bytes are gone, so a crash in between only repeats a deletion.
 */
public final class AttachmentCleanupService implements CleanUpAttachmentsUseCase {
  private static final System.Logger LOG =
      System.getLogger(AttachmentCleanupService.class.getName());
  private static final int BATCH = 500;

  private final AttachmentRepository attachments;
  private final AttachmentStorage storage;
  private final Duration unsentTtl;
  private final Clock clock;

  public AttachmentCleanupService(
      AttachmentRepository attachments,
      AttachmentStorage storage,
      Duration unsentTtl,
      Clock clock) {
    if (unsentTtl.isNegative()) {
      throw new IllegalArgumentException("the time to live of unsent uploads must not be negative");
    }
    this.attachments = attachments;
    this.storage = storage;
    this.unsentTtl = unsentTtl;
    this.clock = clock;
  }

  @Override
  public int cleanUp() {
    int deleted;
    do {
      deleted = attachments.deleteUnwanted(clock.instant().minus(unsentTtl), BATCH);
    } while (deleted == BATCH);
    int removed = 0;
    List<String> gone;
    List<String> keys;
    do {
      keys = attachments.filesToRemove(BATCH);
      gone = new ArrayList<>(keys.size());
      for (String key : keys) {
        try {
          storage.delete(key);
          gone.add(key);
        } catch (UncheckedIOException e) {
          // Kept in the queue for the next run; keep sweeping the rest.
          LOG.log(System.Logger.Level.WARNING, "cannot delete the bytes of attachment " + key, e);
        }
      }
      attachments.filesRemoved(gone);
      removed += gone.size();
      // A batch that removed nothing would come back unchanged: leave it to the next run.
    } while (keys.size() == BATCH && !gone.isEmpty());
    return removed;
  }
}
