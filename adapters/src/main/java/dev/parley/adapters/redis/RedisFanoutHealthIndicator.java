package dev.parley.adapters.redis;

import io.micronaut.configuration.lettuce.health.RedisHealthIndicator;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The Redis part of {@code /health}. A node whose Redis is away still serves its own clients, so it
 * must stay in the load balancer: the status is DEGRADED (operational, HTTP 200), never DOWN (which
 * answers 503). Replaces the library's indicator, which would say DOWN.
 */
@Singleton
@Requires(property = "redis.uri")
@Replaces(RedisHealthIndicator.class)
public class RedisFanoutHealthIndicator implements HealthIndicator {
  /** Working, but alone: events and presence stay on this node. */
  public static final HealthStatus DEGRADED =
      new HealthStatus(
          "DEGRADED", "Redis unreachable: serving this node's clients only", null, 500);

  private final RedisLink link;

  RedisFanoutHealthIndicator(RedisLink link) {
    this.link = link;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("node", link.nodeId());
    if (link.isUp()) {
      details.put("fanout", "redis");
      return Publishers.just(
          HealthResult.builder("redis", HealthStatus.UP).details(details).build());
    }
    details.put("fanout", "local-only");
    details.put("since", link.downSince().toString());
    details.put("error", link.lastError());
    return Publishers.just(HealthResult.builder("redis", DEGRADED).details(details).build());
  }
}
