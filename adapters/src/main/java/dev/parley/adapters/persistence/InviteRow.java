package dev.parley.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code invites}. */
@MappedEntity("invites")
record InviteRow(
    @Id String code,
    long serverId,
    long createdBy,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Integer maxUses,
    int uses,
    @Nullable Instant revokedAt) {}
