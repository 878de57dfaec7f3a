package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/** The composite primary key of {@code reactions}. */
@Embeddable
record ReactionKey(
    @MappedProperty("message_id") long messageId,
    @MappedProperty("emoji") String emoji,
    @MappedProperty("user_id") long userId) {}
