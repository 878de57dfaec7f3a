package dev.parley.domain.server;

/** A server together with the caller's role in it. */
public record ServerWithRole(Server server, Role role) {}
