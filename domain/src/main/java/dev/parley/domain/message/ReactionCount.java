package dev.parley.domain.message;

import java.util.List;

/** How many users reacted to a message with one emoji, and who. */
public record ReactionCount(String emoji, int count, List<Long> userIds) {}
