package dev.parley.bootstrap.wiring;

import dev.parley.adapters.redis.RedisLink;
import dev.parley.adapters.redis.RedisLoginThrottle;
import dev.parley.adapters.security.BucketLoginThrottle;
import dev.parley.adapters.security.LoginSettings;
import dev.parley.application.port.out.LoginThrottle;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;

/**
 * The login throttle: this node's buckets alone, or, when Redis is configured, buckets in Redis
 * shared by every node, with this node's answering while Redis is away.
 */
@Factory
public class LoginThrottleFactory {

  /**
   * Primary over the in-memory bean, which stays a bean of its own so its sweep of full buckets
   * keeps running while it serves as the fallback.
   */
  @Primary
  @Singleton
  LoginThrottle loginThrottle(
      BucketLoginThrottle local, LoginSettings settings, BeanProvider<RedisLink> redis) {
    if (!redis.isPresent()) {
      return local;
    }
    return new RedisLoginThrottle(
        redis.get(),
        settings.getMaxFailuresPerAccountAndAddress(),
        settings.getFailureWindow(),
        settings.getMaxFailuresPerAccount(),
        settings.getAccountFailureWindow(),
        settings.getCeilingDelay(),
        local);
  }
}
