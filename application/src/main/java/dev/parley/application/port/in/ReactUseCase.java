package dev.parley.application.port.in;

import dev.parley.domain.event.ReactionChanged;

/** Adds or removes the caller's reaction on a message they can see. */
public interface ReactUseCase {

  /** The change made (and published); {@code null} when nothing changed. */
  ReactionChanged react(ReactCommand command);
}
