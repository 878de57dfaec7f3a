package dev.parley.application.port.out;

/**
 * How many things (open sockets) are open under a key (a user, a client address), with a cap: on
 * this node alone, or summed over every live node so a cap holds for the whole deployment.
 */
public interface OpenCounts {

  /** Counts one more under {@code key} if fewer than {@code max} are open; false counts nothing. */
  boolean tryOpen(String key, int max);

  /** Forgets one counted by {@link #tryOpen}. */
  void close(String key);

  /** How many are open under {@code key}. */
  int open(String key);
}
