package dev.parley.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code bans}. */
@MappedEntity("bans")
record BanRow(
    @EmbeddedId BanKey id, @Nullable Long bannedBy, @Nullable String reason, Instant createdAt) {}
