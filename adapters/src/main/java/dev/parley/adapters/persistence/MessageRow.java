package dev.parley.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code messages}. */
@MappedEntity("messages")
record MessageRow(
    @Id @GeneratedValue @Nullable Long id,
    long channelId,
    long seq,
    long authorId,
    String content,
    Instant createdAt,
    @Nullable Instant editedAt,
    @Nullable Instant deletedAt,
    @Nullable Long replyToId,
    @Nullable String nonce,
    long pos,
    @Nullable Long webhookId,
    @Nullable String displayName) {}
