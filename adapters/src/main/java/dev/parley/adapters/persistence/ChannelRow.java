package dev.parley.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code channels}; {@code kind} holds a {@code ChannelKind} name. */
@MappedEntity("channels")
record ChannelRow(
    @Id @GeneratedValue @Nullable Long id,
    @Nullable Long serverId,
    String kind,
    @Nullable String name,
    @Nullable String description,
    @Nullable String category,
    int position,
    long lastSeq,
    long lastPos,
    @Nullable Long createdBy,
    Instant createdAt,
    Instant updatedAt) {}
