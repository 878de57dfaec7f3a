package dev.parley.application.realtime;

import dev.parley.domain.event.ChatEvent;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An event on its way to many connections. Whatever is derived from it once for all recipients (a
 * surface's frame) is computed by the first caller and shared through {@link #shared}.
 */
public final class OutboundEvent {
  private final ChatEvent event;
  // A short list (one entry per surface that has recipients), so a scan beats a map.
  private final AtomicReference<Derived> derived = new AtomicReference<>();

  public OutboundEvent(ChatEvent event) {
    this.event = event;
  }

  public ChatEvent event() {
    return event;
  }

  /** One value derived from the event, under the identity of whoever derived it. */
  private record Derived(Object owner, Object value, Derived next) {}

  /**
   * What {@code derive} makes of the event for {@code owner}, computed once: later callers with the
   * same owner (compared by identity) get the first value.
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(Object owner, Function<ChatEvent, T> derive) {
    Derived head = derived.get();
    Object found = find(head, owner);
    if (found != null) {
      return (T) found;
    }
    T value = derive.apply(event);
    while (!derived.compareAndSet(head, new Derived(owner, value, head))) {
      head = derived.get();
      found = find(head, owner);
      if (found != null) {
        return (T) found;
      }
    }
    return value;
  }

  private static Object find(Derived from, Object owner) {
    for (Derived d = from; d != null; d = d.next()) {
      if (d.owner() == owner) {
        return d.value();
      }
    }
    return null;
  }
}
