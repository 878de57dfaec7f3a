package dev.parley.adapters.registry;

import dev.parley.application.port.out.RateBudget;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RateBudget} in this node's memory: one token bucket per key, {@code capacity} tokens
 * refilling {@code refill} per {@code period}. Full buckets say nothing, so they are swept now and
 * then and memory follows recent activity. Per node: with several nodes each allows the full rate.
 */
public final class LocalRateBudget implements RateBudget {
  private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final long capacity;
  private final long refill;
  private final Duration period;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

  /** A burst of {@code capacity} tokens, {@code refill} of them back evenly over each period. */
  public LocalRateBudget(long capacity, long refill, Duration period) {
    if (capacity < 1 || refill < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "a rate budget needs a positive capacity, rate and period");
    }
    this.capacity = capacity;
    this.refill = refill;
    this.period = period;
  }

  @Override
  public Optional<Duration> tryTake(String key) {
    sweepNowAndThen();
    ConsumptionProbe probe =
        buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Keys currently tracked. */
  public int size() {
    return buckets.size();
  }

  private void sweepNowAndThen() {
    long last = lastSweep.get();
    long now = System.nanoTime();
    if (now - last > SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
      buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
    }
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build())
        .build();
  }
}
