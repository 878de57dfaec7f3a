package dev.parley.adapters.web.socket;

import dev.parley.application.realtime.OutboundEvent;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.TypingChanged;
import java.util.Set;

/**
 * Turns events into one surface's frames. Every {@link ChatEvent} type is either framed by {@link
 * #frame} or named in {@link #notShown}: the encoding tests hold each surface to that, so a new
 * event type cannot silently miss a surface.
 */
public interface EventEncoder {
  /** The surface's name in metrics: native, classic, rooms or conversations. */
  String surface();

  /** The event types this surface never shows its clients. */
  Set<Class<? extends ChatEvent>> notShown();

  /**
   * The event as this surface's frame, the same for every recipient. Only called for types not in
   * {@link #notShown}; any other type is a programming error.
   */
  String frame(ChatEvent event);

  /** Whether a recipient allowed to see the event still skips it: by default, its own typing. */
  default boolean skips(ChatEvent event, SocketConnection recipient) {
    return event instanceof TypingChanged typing && typing.userId() == recipient.userId();
  }

  /** The frame for one recipient, or null when it gets nothing; framed once per event. */
  default String encode(OutboundEvent event, SocketConnection recipient) {
    ChatEvent e = event.event();
    if (notShown().contains(e.getClass()) || skips(e, recipient)) {
      return null;
    }
    return event.shared(this, this::frame);
  }

  /** The error for a type that is neither framed nor listed as not shown. */
  static IllegalStateException unhandled(String surface, ChatEvent event) {
    return new IllegalStateException(
        surface + " surface has no frame for " + event.getClass().getSimpleName());
  }
}
