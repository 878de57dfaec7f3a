package dev.parley.adapters.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The clock bean the adapter tests need (bootstrap provides the real one). */
@Factory
@Requires(env = "adapters-test")
public class TestClock {
  @Singleton
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
