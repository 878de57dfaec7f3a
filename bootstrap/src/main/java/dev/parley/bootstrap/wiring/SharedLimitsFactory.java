package dev.parley.bootstrap.wiring;

import dev.parley.adapters.redis.RedisLink;
import dev.parley.adapters.redis.RedisRateBudget;
import dev.parley.adapters.registry.LocalRateBudget;
import dev.parley.adapters.security.LoginSettings;
import dev.parley.adapters.web.auth.AddressBudgets;
import dev.parley.adapters.web.auth.RegistrationSettings;
import dev.parley.adapters.web.socket.SocketLimits;
import dev.parley.application.port.out.RateBudget;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The rate budgets: each user's write budget and the per-address budgets of the account routes. In
 * this node's memory alone, or, when Redis is configured, in Redis so that every node draws from
 * the same buckets, with this node's memory answering while Redis is away.
 */
@Factory
public class SharedLimitsFactory {

  @Singleton
  RateBudget writeBudget(SocketLimits limits, BeanProvider<RedisLink> redis) {
    return budget(
        redis, "writes", limits.getRateBurst(), limits.getRatePerSecond(), Duration.ofSeconds(1));
  }

  @Singleton
  AddressBudgets addressBudgets(
      BeanProvider<RedisLink> redis, LoginSettings login, RegistrationSettings registration) {
    long loginAttempts = login.getMaxAttemptsPerAddress();
    long signUps = registration.getMaxPerAddress();
    return new AddressBudgets(
        budget(redis, "logins", loginAttempts, loginAttempts, login.getAddressWindow()),
        budget(redis, "signups", signUps, signUps, registration.getWindow()));
  }

  static RateBudget budget(
      BeanProvider<RedisLink> redis, String name, long capacity, long refill, Duration period) {
    LocalRateBudget local = new LocalRateBudget(capacity, refill, period);
    if (!redis.isPresent()) {
      return local;
    }
    return new RedisRateBudget(redis.get(), name, capacity, refill, period, local);
  }
}
