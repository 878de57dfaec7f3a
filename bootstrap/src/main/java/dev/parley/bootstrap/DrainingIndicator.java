package dev.parley.bootstrap;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** The readiness part that turns DOWN (HTTP 503) once the node has begun to drain. */
@Singleton
@Readiness
public class DrainingIndicator implements HealthIndicator {
  // Written by the drain thread, read by health requests on the event loop.
  private volatile boolean draining;

  /**
   * Called by {@link Parley}'s drain before anything else, so a balancer polling readiness stops
   * sending new clients while the sockets are told to go away. There is no way back: the process
   * exits once the drain is over.
   */
  void begin() {
    draining = true;
  }

  /** True from {@link #begin()} on. */
  boolean draining() {
    return draining;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    // Not @Liveness: a draining node is alive, and restarting it would cut the drain short.
    HealthStatus status = draining ? HealthStatus.DOWN : HealthStatus.UP;
    return Publishers.just(HealthResult.builder("drain", status).build());
  }
}
