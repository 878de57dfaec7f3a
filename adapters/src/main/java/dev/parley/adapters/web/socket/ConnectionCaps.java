package dev.parley.adapters.web.socket;

import dev.parley.application.port.out.OpenCounts;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Open sockets per user and per client address, across all socket surfaces, bounded by {@link
 * SocketLimits#getMaxConnectionsPerUser()} and {@link SocketLimits#getMaxConnectionsPerAddress()}:
 * one account or one host cannot hold the server's memory and file descriptors hostage. The counts
 * are {@link OpenCounts}: this node's, or with Redis every node's together.
 */
@Singleton
public class ConnectionCaps {
  private final SocketLimits limits;
  private final OpenCounts counts;

  ConnectionCaps(SocketLimits limits, OpenCounts counts) {
    this.limits = limits;
    this.counts = counts;
  }

  /** Why one more socket would be refused right now, if it would; counts nothing. */
  public Optional<String> refusal(long userId, String address) {
    if (counts.open(userKey(userId)) >= limits.getMaxConnectionsPerUser()) {
      return Optional.of(userMessage());
    }
    if (counts.open(addressKey(address)) >= limits.getMaxConnectionsPerAddress()) {
      return Optional.of(addressMessage());
    }
    return Optional.empty();
  }

  /** Counts a new socket if both caps allow it; otherwise counts nothing and says why. */
  public Optional<String> tryAcquire(long userId, String address) {
    if (!counts.tryOpen(userKey(userId), limits.getMaxConnectionsPerUser())) {
      return Optional.of(userMessage());
    }
    if (!counts.tryOpen(addressKey(address), limits.getMaxConnectionsPerAddress())) {
      counts.close(userKey(userId));
      return Optional.of(addressMessage());
    }
    return Optional.empty();
  }

  /** Forgets a socket counted by {@link #tryAcquire}. */
  public void release(long userId, String address) {
    counts.close(userKey(userId));
    counts.close(addressKey(address));
  }

  private static String userKey(long userId) {
    return "user:" + userId;
  }

  private static String addressKey(String address) {
    return "address:" + address;
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
}
