package dev.parley.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Token budgets by key (one user's writes, on every surface): a burst that refills at a steady
 * rate. The adapter decides where the buckets live (this node's memory, or a store every node
 * shares), so several nodes can draw from one budget.
 */
public interface RateBudget {

  /**
   * Takes one token from the key's budget: empty when allowed, else how long until a token is back.
   * May wait briefly on a shared store, so callers run it off event loops.
   */
  Optional<Duration> tryTake(String key);
}
