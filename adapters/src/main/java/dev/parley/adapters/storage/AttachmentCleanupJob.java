package dev.parley.adapters.storage;

import dev.parley.application.port.in.CleanUpAttachmentsUseCase;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the attachment cleanup every {@code parley.attachments.cleanup-interval} (1 hour by
 * default), first one interval after startup: unsent uploads past their time to live and the files
 * of deleted messages leave the database and the disk.
 */
// Scheduled here rather than with @Scheduled, whose placeholder would repeat the interval's
// default that AttachmentSettings holds; @Context so the schedule starts with the application.
@Context
@Requires(beans = CleanUpAttachmentsUseCase.class)
public class AttachmentCleanupJob {
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentCleanupJob.class);

  private final CleanUpAttachmentsUseCase cleanup;
  private final Duration interval;
  private final TaskScheduler scheduler;
  private ScheduledFuture<?> schedule;

  AttachmentCleanupJob(
      CleanUpAttachmentsUseCase cleanup,
      AttachmentSettings settings,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
    this.cleanup = cleanup;
    this.interval = settings.getCleanupInterval();
    this.scheduler = scheduler;
  }

  @PostConstruct
  void start() {
    schedule = scheduler.scheduleWithFixedDelay(interval, interval, this::run);
  }

  @PreDestroy
  void stop() {
    schedule.cancel(false);
  }

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
