package dev.parley.adapters.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Retries a lost Redis connection quickly: Lettuce's default backs off to 30 s, which would keep
 * nodes apart long after Redis is back.
 */
@Singleton
@Requires(property = "redis.uri")
public class RedisReconnectDelay implements ClientResourcesMutator {
  private final Duration max;

  RedisReconnectDelay(RedisSettings settings) {
    this.max = settings.getMaxReconnectDelay();
  }

  @Override
  public void mutate(ClientResources.Builder builder, AbstractRedisConfiguration config) {
    builder.reconnectDelay(Delay.exponential(Duration.ofMillis(50), max, 2, TimeUnit.MILLISECONDS));
  }
}
