package dev.parley.application.service;

import dev.parley.application.port.in.CleanUpAttachmentsUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.AttachmentStorage;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Deletes unsent uploads older than the time to live and the attachments of deleted messages, in
 * batches: the row first, then the bytes, so a row never names missing bytes (a crash in between
 * leaves only an unnamed file behind).
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
    int removed = 0;
    List<String> keys;
    do {
      keys = attachments.deleteUnwanted(clock.instant().minus(unsentTtl), BATCH);
      for (String key : keys) {
        try {
          storage.delete(key);
        } catch (UncheckedIOException e) {
          // The row is gone, so nobody can reach these bytes; keep sweeping the rest.
          LOG.log(System.Logger.Level.WARNING, "cannot delete the bytes of attachment " + key, e);
        }
      }
      removed += keys.size();
    } while (keys.size() == BATCH);
    return removed;
  }
}
