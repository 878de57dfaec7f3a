package dev.parley.adapters.web.socket;

import dev.parley.domain.event.ChatEvent;
import java.util.Set;

/** A surface that shows every event as the same frame, for tests of the connection itself. */
record FixedEncoder(String frame) implements EventEncoder {
  @Override
  public String surface() {
    return "test";
  }

  @Override
  public Set<Class<? extends ChatEvent>> notShown() {
    return Set.of();
  }

  @Override
  public String frame(ChatEvent event) {
    return frame;
  }
}
