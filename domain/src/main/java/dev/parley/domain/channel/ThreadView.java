package dev.parley.domain.channel;

/** A thread as one user sees it: whether they follow it. */
public record ThreadView(MessageThread thread, boolean following) {}
