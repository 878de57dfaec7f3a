package dev.parley.bootstrap.wiring;

import dev.parley.adapters.storage.LocalDiskAttachmentStorage;
import dev.parley.application.port.out.AttachmentStorage;
import dev.parley.bootstrap.config.ParleySettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The attachment store: here, not in the adapter, because the data dir is decided in bootstrap. */
@Factory
class StorageFactory {

  /** Attachment bytes under {@code <data dir>/attachments}, created on the first upload. */
  @Singleton
  AttachmentStorage attachmentStorage(ParleySettings settings) {
    return new LocalDiskAttachmentStorage(settings.dataDir().resolve("attachments"));
  }
}
