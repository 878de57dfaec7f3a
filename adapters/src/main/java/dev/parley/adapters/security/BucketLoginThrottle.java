package dev.parley.adapters.security;

import dev.parley.application.port.out.LoginThrottle;
import dev.parley.domain.error.RateLimited;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The login allowance as in-memory token buckets. Per account and address: {@code
 * max-failures-per-account-and-address} (default 10) refilling over {@code failure-window} (default
 * 15 minutes); the guessing address is refused with 429. Per account: {@code
 * max-failures-per-account} (default 20) over {@code account-failure-window} (default 15 minutes),
 * only a slow-down: past it an address that already failed for the account is refused, and one that
 * has not gets its try after {@code ceiling-delay} (default 1 s), so the owner is never locked out
 * by someone else's guesses. Per node only; several nodes would each allow the full counts, so with
 * Redis the wiring puts a shared throttle in front and keeps this one as its fallback.
 */
@Singleton
public class BucketLoginThrottle implements LoginThrottle {
  private static final int MAX_KEY = 64;
  private static final String REFUSED =
      "Too many failed logins for this account from this address; wait before trying again";

  private final long pairFailures;
  private final Duration pairWindow;
  private final long accountFailures;
  private final Duration accountWindow;
  private final Duration ceilingDelay;
  private final Map<String, Bucket> pairs = new ConcurrentHashMap<>();
  private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();

  BucketLoginThrottle(LoginSettings settings) {
    long pairFailures = settings.getMaxFailuresPerAccountAndAddress();
    Duration pairWindow = settings.getFailureWindow();
    long accountFailures = settings.getMaxFailuresPerAccount();
    Duration accountWindow = settings.getAccountFailureWindow();
    Duration ceilingDelay = settings.getCeilingDelay();
    if (pairFailures < 1
        || accountFailures < 1
        || !positive(pairWindow)
        || !positive(accountWindow)
        || ceilingDelay.isNegative()) {
      throw new IllegalArgumentException("parley.security.login: limits must be positive");
    }
    this.pairFailures = pairFailures;
    this.pairWindow = pairWindow;
    this.accountFailures = accountFailures;
    this.accountWindow = accountWindow;
    this.ceilingDelay = ceilingDelay;
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  @Override
  public void attempt(String account, String address) {
    Bucket pair = pairs.computeIfAbsent(pairKey(account, address), k -> newPairBucket());
    ConsumptionProbe probe = pair.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new RateLimited(REFUSED, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
    Bucket ceiling = accounts.get(bounded(account));
    if (ceiling == null || ceiling.getAvailableTokens() > 0) {
      return;
    }
    // Past the account-wide ceiling: an address that already failed here is an attacker's ...
    boolean cleanAddress = probe.getRemainingTokens() >= pairFailures - 1;
    if (!cleanAddress) {
      pair.addTokens(1); // a refused attempt costs the address nothing more
      throw new RateLimited(
          REFUSED,
          Duration.ofNanos(
              Math.max(1, ceiling.estimateAbilityToConsume(1).getNanosToWaitForRefill())));
    }
    // ... one without failures may be the owner: let it through, a little later.
    if (!ceilingDelay.isZero()) {
      LockSupport.parkNanos(ceilingDelay.toNanos());
    }
  }

  @Override
  public void failed(String account, String address) {
    accounts.computeIfAbsent(bounded(account), k -> newAccountBucket()).tryConsume(1);
  }

  @Override
  public void succeeded(String account, String address) {
    Bucket pair = pairs.get(pairKey(account, address));
    if (pair != null) {
      pair.addTokens(1);
    }
  }

  private static String pairKey(String account, String address) {
    return bounded(account) + "\n" + bounded(address == null ? "unknown" : address);
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
    pairs.values().removeIf(bucket -> bucket.getAvailableTokens() >= pairFailures);
    accounts.values().removeIf(bucket -> bucket.getAvailableTokens() >= accountFailures);
  }

  private Bucket newPairBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(pairFailures)
                .refillGreedy(pairFailures, pairWindow)
                .build())
        .build();
  }

  private Bucket newAccountBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(accountFailures)
                .refillGreedy(accountFailures, accountWindow)
                .build())
        .build();
  }
}
