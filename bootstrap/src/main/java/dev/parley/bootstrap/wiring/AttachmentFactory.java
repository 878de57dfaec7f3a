package dev.parley.bootstrap.wiring;

import dev.parley.adapters.storage.AttachmentSettings;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.AttachmentStorage;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.AttachmentCleanupService;
import dev.parley.application.service.AttachmentLimits;
import dev.parley.application.service.AttachmentServices;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;

/** Builds the use cases of attachments: uploads, downloads and the cleanup of unsent files. */
@Factory
class AttachmentFactory {

  @Singleton
  AttachmentServices attachments(
      AccessGuard guard,
      AttachmentRepository attachments,
      AttachmentStorage storage,
      MessageRepository messages,
      Clock clock,
      AttachmentSettings settings) {
    Set<String> types = Set.copyOf(settings.getAllowedTypes());
    AttachmentLimits limits =
        new AttachmentLimits(
            settings.getMaxBytes(),
            types.isEmpty() ? AttachmentLimits.DEFAULT_TYPES : types,
            settings.getMaxBytesPerUser());
    return new AttachmentServices(guard, attachments, storage, messages, limits, clock);
  }

  @Singleton
  AttachmentCleanupService attachmentCleanup(
      AttachmentRepository attachments,
      AttachmentStorage storage,
      Clock clock,
      AttachmentSettings settings) {
    return new AttachmentCleanupService(attachments, storage, settings.getOrphanTtl(), clock);
  }
}
