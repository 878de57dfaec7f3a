package dev.parley.adapters.storage;

import dev.parley.application.port.in.CleanUpAttachmentsUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the attachment cleanup every {@code parley.attachments.cleanup-interval} (1 hour by
 * default), first one interval after startup: unsent uploads past their time to live and the files
 * of deleted messages leave the database and the disk.
 */
@Singleton
public class AttachmentCleanupJob {
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentCleanupJob.class);

  private final CleanUpAttachmentsUseCase cleanup;

  AttachmentCleanupJob(CleanUpAttachmentsUseCase cleanup) {
    this.cleanup = cleanup;
  }

  @Scheduled(
      fixedDelay = "${parley.attachments.cleanup-interval:1h}",
      initialDelay = "${parley.attachments.cleanup-interval:1h}")
  void run() {
    try {
      int removed = cleanup.cleanUp();
      if (removed > 0) {
        LOG.info("Removed {} unsent or deleted attachments", removed);
      }
    } catch (RuntimeException e) {
      // The next run tries again; a database outage must not end the schedule.
      LOG.warn("Attachment cleanup failed", e);
    }
  }
}
