package dev.parley.adapters.registry;

import dev.parley.application.port.in.DeliverEventUseCase;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.domain.event.ChatEvent;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** One node: an event goes straight to this node's connections. */
@Singleton
@Requires(missingProperty = "redis.uri")
public class LocalChatEventPublisher implements ChatEventPublisher {
  private final DeliverEventUseCase delivery;

  LocalChatEventPublisher(DeliverEventUseCase delivery) {
    this.delivery = delivery;
  }

  @Override
  public void publish(ChatEvent event) {
    delivery.deliver(event);
  }
}
