package dev.parley.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code servers}. */
@MappedEntity("servers")
record ServerRow(
    @Id @GeneratedValue @Nullable Long id,
    String name,
    @Nullable String description,
    @Nullable String icon,
    @Nullable Long ownerId,
    @MappedProperty("is_public") boolean publicServer,
    Instant createdAt) {}
