package dev.parley.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code memberships}. */
@MappedEntity("memberships")
record MembershipRow(
    @EmbeddedId MembershipKey id, String role, Instant joinedAt, @Nullable Instant timeoutUntil) {}
