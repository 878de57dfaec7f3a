package dev.parley.bootstrap.wiring;

import dev.parley.adapters.metrics.MeteredDelivery;
import dev.parley.adapters.metrics.MeteredResume;
import dev.parley.adapters.metrics.MeteredSendMessage;
import dev.parley.application.port.in.DeliverEventUseCase;
import dev.parley.application.port.in.ResumeUseCase;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.application.service.EventDeliveryService;
import dev.parley.application.service.ResumeService;
import dev.parley.application.service.SendMessageService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;

/**
 * The in-ports every surface goes through (sending, delivery, resume), each wrapped in its metered
 * decorator: adapters that ask for the port get the decorator, so every surface is counted once.
 */
@Factory
class MetricsFactory {

  @Singleton
  @Primary
  SendMessageUseCase meteredSendMessage(SendMessageService sends, MeterRegistry registry) {
    return new MeteredSendMessage(sends, registry);
  }

  @Singleton
  @Primary
  DeliverEventUseCase meteredDelivery(EventDeliveryService delivery, MeterRegistry registry) {
    return new MeteredDelivery(delivery, registry);
  }

  @Singleton
  @Primary
  ResumeUseCase meteredResume(ResumeService resume, MeterRegistry registry) {
    return new MeteredResume(resume, registry);
  }
}
