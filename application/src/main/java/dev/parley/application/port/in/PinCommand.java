package dev.parley.application.port.in;

/** Pin ({@code pinned} true) or unpin a message, as {@code userId}. */
public record PinCommand(long userId, long messageId, boolean pinned) {}
