package dev.parley.adapters.web.socket;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Open sockets on this node per user and per client address, across all socket surfaces, bounded by
 * {@link SocketLimits#getMaxConnectionsPerUser()} and {@link
 * SocketLimits#getMaxConnectionsPerAddress()}: one account or one host cannot hold the server's
 * memory and file descriptors hostage.
 */
@Singleton
public class ConnectionCaps {
  private final SocketLimits limits;
  private final Map<Long, Integer> perUser = new ConcurrentHashMap<>();
  private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

  ConnectionCaps(SocketLimits limits) {
    this.limits = limits;
  }

  /** Why one more socket would be refused right now, if it would; counts nothing. */
  public Optional<String> refusal(long userId, String address) {
    if (perUser.getOrDefault(userId, 0) >= limits.getMaxConnectionsPerUser()) {
      return Optional.of(userMessage());
    }
    if (perAddress.getOrDefault(address, 0) >= limits.getMaxConnectionsPerAddress()) {
      return Optional.of(addressMessage());
    }
    return Optional.empty();
  }

  /** Counts a new socket if both caps allow it; otherwise counts nothing and says why. */
  public Optional<String> tryAcquire(long userId, String address) {
    if (!increment(perUser, userId, limits.getMaxConnectionsPerUser())) {
      return Optional.of(userMessage());
    }
    if (!increment(perAddress, address, limits.getMaxConnectionsPerAddress())) {
      decrement(perUser, userId);
      return Optional.of(addressMessage());
    }
    return Optional.empty();
  }

  /** Forgets a socket counted by {@link #tryAcquire}. */
  public void release(long userId, String address) {
    decrement(perUser, userId);
    decrement(perAddress, address);
  }

  private String userMessage() {
    return "Too many open sockets for this account (at most "
        + limits.getMaxConnectionsPerUser()
        + "); close some first";
  }

  private String addressMessage() {
    return "Too many open sockets from this address (at most "
        + limits.getMaxConnectionsPerAddress()
        + "); close some first";
  }

  private static <K> boolean increment(Map<K, Integer> counts, K key, int max) {
    boolean[] counted = {false};
    BiFunction<K, Integer, Integer> add =
        (k, n) -> {
          int current = n == null ? 0 : n;
          if (current >= max) {
            return n;
          }
          counted[0] = true;
          return current + 1;
        };
    counts.compute(key, add);
    return counted[0];
  }

  /** Drops keys at zero, so memory follows the open sockets. */
  private static <K> void decrement(Map<K, Integer> counts, K key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }
}
