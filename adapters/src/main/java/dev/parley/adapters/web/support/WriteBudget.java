package dev.parley.adapters.web.support;

import dev.parley.application.port.out.RateBudget;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Each user's one write budget, shared by every surface: a socket frame and a REST write (any
 * authenticated POST, PUT, PATCH or DELETE outside the session routes) each take one token from the
 * same bucket, on this node or, with Redis, on every node ({@code parley.socket.rate-per-second},
 * {@code parley.socket.rate-burst}).
 */
@Singleton
public class WriteBudget {
  private final RateBudget budget;

  WriteBudget(RateBudget budget) {
    this.budget = budget;
  }

  /**
   * Takes one write: empty when allowed, else how long until the next one would be. May wait on
   * Redis, so never call it on an event loop.
   */
  public Optional<Duration> tryTake(long userId) {
    return budget.tryTake("user:" + userId);
  }
}
