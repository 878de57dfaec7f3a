package dev.parley.application.realtime;

import dev.parley.domain.event.ChatEvent;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * An event on its way to many connections. Each wire format encodes it once, whatever the number of
 * recipients, through {@link #encoded}.
 */
public final class OutboundEvent {
  private static final AtomicInteger FORMATS = new AtomicInteger();
  private static final int MAX_FORMATS = 16;

  private final ChatEvent event;
  private final AtomicReferenceArray<Object> encodings = new AtomicReferenceArray<>(MAX_FORMATS);

  public OutboundEvent(ChatEvent event) {
    this.event = event;
  }

  public ChatEvent event() {
    return event;
  }

  /** A wire format's slot; each format allocates one at class-load time. */
  public record Format<T>(int slot) {}

  public static <T> Format<T> newFormat() {
    int slot = FORMATS.getAndIncrement();
    if (slot >= MAX_FORMATS) {
      throw new IllegalStateException("too many wire formats");
    }
    return new Format<>(slot);
  }

  /** The event in the given format, computed by the first caller and shared with the rest. */
  @SuppressWarnings("unchecked")
  public <T> T encoded(Format<T> format, Function<ChatEvent, T> encoder) {
    Object cached = encodings.get(format.slot());
    if (cached == null) {
      cached = encoder.apply(event);
      if (!encodings.compareAndSet(format.slot(), null, cached)) {
        cached = encodings.get(format.slot());
      }
    }
    return (T) cached;
  }
}
