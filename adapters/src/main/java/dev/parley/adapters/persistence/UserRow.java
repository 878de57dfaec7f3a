package dev.parley.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code users}. */
@MappedEntity("users")
record UserRow(
    @Id @GeneratedValue @Nullable Long id,
    String username,
    String usernameKey,
    @Nullable String email,
    @Nullable String displayName,
    @Nullable String passwordHash,
    Instant createdAt,
    boolean active,
    @Nullable String externalIssuer,
    @Nullable String externalSubject,
    boolean bot) {}
