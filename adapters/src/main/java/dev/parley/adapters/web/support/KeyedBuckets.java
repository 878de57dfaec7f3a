package dev.parley.adapters.web.support;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets by key (a client address): {@code capacity} tokens refilling evenly over
 * {@code period}. Full buckets carry no information, so {@link #forgetRefilled()} drops them and
 * memory follows recent activity. Per node: several nodes each allow the full rate.
 */
public final class KeyedBuckets {
  private final long capacity;
  private final Duration period;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public KeyedBuckets(long capacity, Duration period) {
    if (capacity < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate limit needs a positive count and period");
    }
    this.capacity = capacity;
    this.period = period;
  }

  /** Takes one token: empty when allowed, else how long until a token is back. */
  public Optional<Duration> tryTake(String key) {
    ConsumptionProbe probe =
        buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Drops the buckets that have refilled completely. */
  public void forgetRefilled() {
    buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
  }

  /** Keys currently tracked. */
  public int size() {
    return buckets.size();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
        .build();
  }
}
