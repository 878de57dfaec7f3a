package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code reactions}. */
@MappedEntity("reactions")
record ReactionRow(@EmbeddedId ReactionKey id, Instant createdAt) {}
