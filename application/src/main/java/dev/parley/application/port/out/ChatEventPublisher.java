package dev.parley.application.port.out;

import dev.parley.domain.event.ChatEvent;

/**
 * Sends committed events towards every node's connections: directly on one node, through a broker
 * on many. Never blocks on slow clients.
 */
public interface ChatEventPublisher {
  void publish(ChatEvent event);
}
