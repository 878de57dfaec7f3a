package dev.parley.adapters.web.socket;

import dev.parley.application.realtime.OutboundEvent;

/** Turns events into one surface's frames; null means "this surface does not show it". */
@FunctionalInterface
public interface EventEncoder {
  String encode(OutboundEvent event, SocketConnection recipient);

  /** The surface's name in metrics: native, classic, rooms or conversations. */
  default String surface() {
    return "other";
  }
}
