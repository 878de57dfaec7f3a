package dev.parley.bootstrap.wiring;

import dev.parley.adapters.redis.RedisLink;
import dev.parley.adapters.redis.RedisRateBudget;
import dev.parley.adapters.registry.LocalRateBudget;
import dev.parley.adapters.web.socket.SocketLimits;
import dev.parley.application.port.out.RateBudget;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The per-user write budget: in this node's memory alone, or, when Redis is configured, in Redis so
 * that every node draws from the same buckets, with this node's memory answering while Redis is
 * away.
 */
@Factory
public class RateBudgetFactory {

  @Singleton
  RateBudget writeBudget(SocketLimits limits, BeanProvider<RedisLink> redis) {
    LocalRateBudget local = new LocalRateBudget(limits.getRatePerSecond(), limits.getRateBurst());
    if (!redis.isPresent()) {
      return local;
    }
    return new RedisRateBudget(
        redis.get(), "writes", limits.getRatePerSecond(), limits.getRateBurst(), local);
  }
}
