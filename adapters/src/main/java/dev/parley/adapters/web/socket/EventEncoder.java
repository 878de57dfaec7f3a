package dev.parley.adapters.web.socket;

import dev.parley.application.realtime.OutboundEvent;

/** Turns events into one surface's frames; null means "this surface does not show it". */
@FunctionalInterface
public interface EventEncoder {
  String encode(OutboundEvent event, SocketConnection recipient);
}
