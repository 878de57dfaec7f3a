package dev.parley.adapters.web.socket;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One token bucket per user, shared by all their sockets on this node. */
@Singleton
public class UserRateLimiter {
  private final SocketLimits limits;
  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

  UserRateLimiter(SocketLimits limits) {
    this.limits = limits;
  }

  /** Takes one frame's token; false when the user is over their rate. */
  public boolean tryAcquire(long userId) {
    return buckets.computeIfAbsent(userId, id -> newBucket()).tryConsume(1);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limits.getRateBurst())
                .refillGreedy(limits.getRatePerSecond(), Duration.ofSeconds(1))
                .build())
        .build();
  }

  /** Forgets the buckets of users with no live socket, so memory follows the connections. */
  public void retainOnly(Set<Long> liveUsers) {
    buckets.keySet().retainAll(liveUsers);
  }
}
