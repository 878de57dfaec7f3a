package dev.parley.domain.server;

import java.time.Instant;

/** A user kept out of a server: removed, and unable to be added or to join by invite. */
public record Ban(long serverId, long userId, Long bannedBy, String reason, Instant createdAt) {}
