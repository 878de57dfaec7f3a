package dev.parley.adapters.security;

import dev.parley.application.port.out.LoginThrottle;
import dev.parley.domain.error.RateLimited;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-account login allowance as in-memory token buckets: {@code max-failures-per-account}
 * (default 10) refilling evenly over {@code failure-window} (default 15 minutes). Per node only;
 * several nodes would each allow the full count until a shared store backs this port.
 */
@Singleton
public class BucketLoginThrottle implements LoginThrottle {
  private static final int MAX_KEY = 64;
  private final long failures;
  private final Duration window;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  BucketLoginThrottle(
      @Value("${parley.security.login.max-failures-per-account:10}") long failures,
      @Value("${parley.security.login.failure-window:15m}") Duration window) {
    if (failures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("parley.security.login: limits must be positive");
    }
    this.failures = failures;
    this.window = window;
  }

  @Override
  public void attempt(String key) {
    ConsumptionProbe probe =
        buckets.computeIfAbsent(bounded(key), k -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new RateLimited(
          "Too many failed logins for this account; wait before trying again",
          Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }

  @Override
  public void succeeded(String key) {
    Bucket bucket = buckets.get(bounded(key));
    if (bucket != null) {
      bucket.addTokens(1);
    }
  }

  /**
   * Real names are at most 32 characters; cutting longer ones keeps a flood of huge made-up names
   * from filling memory (they can only share a bucket with each other).
   */
  private static String bounded(String key) {
    return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
  }

  /** Full buckets say nothing; dropping them keeps memory to the accounts under fire. */
  @Scheduled(fixedDelay = "1m")
  void forgetRefilled() {
    buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= failures);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, window).build())
        .build();
  }
}
