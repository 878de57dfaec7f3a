package dev.parley.adapters.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.parley.application.port.out.PasswordHasher;
import dev.parley.domain.user.RawPassword;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * bcrypt (2b); passwords beyond bcrypt's 72-byte limit are pre-hashed with SHA-512, not cut. At
 * most {@code parley.security.bcrypt-concurrency} hashes run at once (default: half the cores).
 */
@Singleton
public class BcryptPasswordHasher implements PasswordHasher {
  private final int cost;
  private final BCrypt.Hasher hasher;
  private final BCrypt.Verifyer verifier;
  private final HashingGate gate;

  @Inject
  BcryptPasswordHasher(PasswordSettings settings, MeterRegistry registry) {
    this(settings.getBcryptCost(), settings.getBcryptConcurrency(), registry);
  }

  BcryptPasswordHasher(int cost, int concurrency, MeterRegistry registry) {
    this.cost = cost;
    Timer waits =
        Timer.builder("parley.password.hash.wait")
            .description("How long a login or registration queued for a bcrypt slot")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    this.gate =
        new HashingGate(
            concurrency > 0 ? concurrency : HashingGate.defaultConcurrency(),
            nanos -> waits.record(nanos, TimeUnit.NANOSECONDS));
    this.hasher =
        BCrypt.with(
            BCrypt.Version.VERSION_2B,
            LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
    this.verifier =
        BCrypt.verifyer(
            BCrypt.Version.VERSION_2B,
            LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
  }

  @Override
  public String hash(RawPassword password) {
    return gate.run(() -> hasher.hashToString(cost, password.reveal().toCharArray()));
  }

  @Override
  public boolean matches(RawPassword password, String hash) {
    if (hash == null || hash.isEmpty()) {
      return false;
    }
    return gate.run(
        () ->
            verifier.verify(
                    password.reveal().getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8))
                .verified);
  }
}
