package dev.parley.application.port.in;

import dev.parley.domain.event.ChatEvent;

/** Delivers a committed event to this node's connections that may see it. */
public interface DeliverEventUseCase {
  void deliver(ChatEvent event);
}
