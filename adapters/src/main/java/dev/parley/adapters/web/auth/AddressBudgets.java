package dev.parley.adapters.web.auth;

import dev.parley.application.port.out.RateBudget;

/**
 * The per-address budgets of the account routes: login attempts and sign-ups, each keyed by the
 * client address, on this node or (with Redis) shared by every node.
 */
public record AddressBudgets(RateBudget logins, RateBudget signUps) {}
