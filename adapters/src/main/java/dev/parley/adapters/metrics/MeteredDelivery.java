package dev.parley.adapters.metrics;

import dev.parley.application.port.in.DeliverEventUseCase;
import dev.parley.domain.event.ChatEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Times the fan-out of each event to this node's sockets: from the event reaching delivery (just
 * after its commit, or on arrival from another node) until the last local recipient has it queued.
 */
public final class MeteredDelivery implements DeliverEventUseCase {
  private final DeliverEventUseCase delivery;
  private final Timer fanOut;

  public MeteredDelivery(DeliverEventUseCase delivery, MeterRegistry registry) {
    this.delivery = delivery;
    this.fanOut =
        Timer.builder("parley.fanout.latency")
            .description("From an event reaching this node's delivery to its last local socket")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(20_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  @Override
  public void deliver(ChatEvent event) {
    long start = System.nanoTime();
    try {
      delivery.deliver(event);
    } finally {
      fanOut.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
