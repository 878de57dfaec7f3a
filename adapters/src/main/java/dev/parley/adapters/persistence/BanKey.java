package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/** The composite primary key of {@code bans}. */
@Embeddable
record BanKey(@MappedProperty("server_id") long serverId, @MappedProperty("user_id") long userId) {}
