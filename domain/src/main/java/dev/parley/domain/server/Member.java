package dev.parley.domain.server;

/** A membership with the member's username, as member lists show it. */
public record Member(Membership membership, String username) {}
