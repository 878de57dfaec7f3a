package dev.parley.domain.message;

import java.time.Instant;

/** A pinned message of a channel, with who pinned it and when. */
public record Pin(PostedMessage message, long pinnedBy, String pinnedByName, Instant pinnedAt) {}
