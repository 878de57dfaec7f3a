package dev.parley.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code attachments}. */
@MappedEntity("attachments")
record AttachmentRow(
    @Id @GeneratedValue @Nullable Long id,
    long channelId,
    long uploaderId,
    @Nullable Long messageId,
    String filename,
    String contentType,
    long sizeBytes,
    String sha256,
    String storageKey,
    Instant createdAt) {}
